import { describe, expect, it } from "vitest";
import { MockPlatformError, UnknownWorkspaceError } from "./mock-platform-error.js";
import { InvalidWorkspaceIdError } from "./provisioner/docker/errors.js";
import { ConfigVolumeEmptyError } from "./provisioner/provisioner.js";

describe("the mock platform's error family", () => {
  it.each([
    ["UnknownWorkspaceError", new UnknownWorkspaceError("3f2c0000-0000-4000-8000-000000000001")],
    ["InvalidWorkspaceIdError", new InvalidWorkspaceIdError("nope")],
    ["ConfigVolumeEmptyError", new ConfigVolumeEmptyError("3f2c0000-0000-4000-8000-000000000001")],
  ])("%s is a MockPlatformError named after its class", (name, error) => {
    expect(error).toBeInstanceOf(MockPlatformError);
    expect(error.name).toBe(name);
    expect(error.message).toMatch(/^\[mock-platform\] /);
  });
});
