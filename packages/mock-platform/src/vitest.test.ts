import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { call, setupTestServer } from "./platform-test-utils.js";
import { mockPlatformMatchers } from "./vitest.js";

const { useTestPlatform } = setupTestServer();

const beat = (id: string) => call("POST", "/registry/heartbeat", { body: { workspace_id: id } });

describe("expect(platform).toHaveReceived", () => {
  it("passes when the journal holds matching requests, as many as asked", async () => {
    const platform = useTestPlatform();
    const id = randomUUID();
    for (let i = 0; i < 3; i++) await beat(id);
    expect(platform).toHaveReceived({ path: "/registry/heartbeat", times: 3 });
    expect(platform).toHaveReceived({ method: "POST", workspaceId: id });
    expect(platform).not.toHaveReceived({ path: "/registry/register" });
    expect(platform.journal).toHaveReceived({ path: "/registry/heartbeat", status: 200 });
  });

  it("fails with the count it found and the journal's latest entries", async () => {
    const platform = useTestPlatform();
    await beat(randomUUID());
    expect(() => expect(platform).toHaveReceived({ path: "/registry/heartbeat", times: 2 })).toThrow(
      /path="\/registry\/heartbeat" 2 time\(s\), got 1;[\s\S]*#1 POST \/registry\/heartbeat -> 200/,
    );
  });

  it("says what to pass when given something that is not a mock platform", () => {
    const result = mockPlatformMatchers.toHaveReceived({}, { path: "/x" });
    expect(result.pass).toBe(false);
    expect(result.message()).toMatch(/needs a mock platform/);
  });
});
