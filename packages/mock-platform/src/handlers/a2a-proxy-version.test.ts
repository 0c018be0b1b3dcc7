import { describe, expect, it } from "vitest";
import { ADMIN, setupTestServer } from "../platform-test-utils.js";
import { send, useFakeAgents, workspaceAt } from "./a2a-proxy-test-utils.js";

const { useTestPlatform } = setupTestServer();
const agent = useFakeAgents();

const SEND_MESSAGE = {
  jsonrpc: "2.0",
  id: 1,
  method: "SendMessage",
  params: { message: { messageId: "m-1", role: "ROLE_USER", parts: [{ text: "ping" }] } },
};

describe("POST /workspaces/:id/a2a and the A2A-Version header", () => {
  it.each(["1.0", "0.3", "1.0.1", "2.0-draft"])(
    "passes A2A-Version %s to the agent untouched, and no other caller header",
    async (version) => {
      useTestPlatform();
      const fake = await agent();
      const { id } = await workspaceAt(fake.url);
      const res = await send(id, ADMIN, SEND_MESSAGE, { "a2a-version": version, "a2a-extensions": "x" });
      expect(res.status).toBe(200);
      const forwarded = fake.requests[0]!;
      expect(forwarded.headers["a2a-version"]).toBe(version);
      expect(forwarded.headers["a2a-extensions"]).toBeUndefined();
      expect(JSON.parse(forwarded.body)).toEqual(SEND_MESSAGE);
    },
  );

  it("sends no A2A-Version when the caller sent none (the agent then reads v0.3)", async () => {
    useTestPlatform();
    const fake = await agent();
    const { id } = await workspaceAt(fake.url);
    await send(id, ADMIN);
    expect(fake.requests[0]!.headers).not.toHaveProperty("a2a-version");
  });
});
