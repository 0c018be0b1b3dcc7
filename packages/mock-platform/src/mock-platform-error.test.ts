import { describe, expect, it } from "vitest";
import * as dockerEntry from "./docker.js";
import * as packageEntry from "./index.js";
import { MockPlatformError } from "./mock-platform-error.js";
import { CliUsageError } from "./server/cli-options.js";

type ErrorClass = new (...args: never[]) => Error;

const isErrorClass = (value: unknown): value is ErrorClass =>
  typeof value === "function" && (value === Error || value.prototype instanceof Error);

// Every error class either entry exports, plus the CLI's own (the CLI is no export).
const errorClasses = new Map<string, ErrorClass>([["CliUsageError", CliUsageError]]);
for (const [name, value] of Object.entries({ ...packageEntry, ...dockerEntry })) {
  if (isErrorClass(value)) errorClasses.set(name, value);
}

describe("the mock platform's error family", () => {
  it("is found in the package's exports: the entry's and the ./docker subpath's", () => {
    expect(errorClasses.size).toBeGreaterThanOrEqual(14);
    expect([...errorClasses.keys()]).toEqual(
      expect.arrayContaining(["MockPlatformError", "UnknownWorkspaceError", "DockerProvisionerError"]),
    );
  });

  it.each([...errorClasses])("%s is a MockPlatformError named after its class", (name, ErrorClass) => {
    expect(ErrorClass === MockPlatformError || ErrorClass.prototype instanceof MockPlatformError).toBe(true);
    const error = Reflect.construct(ErrorClass, ["3f2c0000-0000-4000-8000-000000000001", "detail"]) as Error;
    expect(error).toBeInstanceOf(MockPlatformError);
    expect(error.name).toBe(name);
    expect(error.message).not.toBe("");
  });

  it("passes a cause through", () => {
    const cause = new Error("root");
    expect(new MockPlatformError("[mock-platform] x", { cause }).cause).toBe(cause);
  });
});
