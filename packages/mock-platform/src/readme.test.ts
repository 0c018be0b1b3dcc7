// The README's code, run as written: each test holds one README block verbatim between its
// "README" comments, and the last test fails when a block of the README appears in no test.
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import {
  createMockPlatform,
  InMemoryProvisioner,
  redactSecret,
  startMockPlatformServer,
} from "@molecule-ctk/mock-platform";
import { mockPlatformMatchers } from "@molecule-ctk/mock-platform/vitest";
import { setupServer } from "msw/node";
import { describe, expect, it } from "vitest";
import { untestedBlocks } from "../../../scripts/readme-snippets.js";

const README = fileURLToPath(new URL("../README.md", import.meta.url));

describe("the README", () => {
  it("reaches a hand-written runtime that registers its own URL through the in-process proxy", async () => {
    // README: in-process (after its imports)
    const provisioner = new InMemoryProvisioner();
    const platform = createMockPlatform({
      baseUrl: "http://platform.test",
      adminToken: "admin",
      deployMode: "development", // MOLECULE_ENV=development: loopback agents are reachable
      provisioner,
    });
    const server = setupServer(...platform.handlers);
    server.listen({ onUnhandledRequest: "error" });

    // A hand-written runtime: it answers every message/send with "pong".
    const agent = createServer(async (req, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      const { id } = JSON.parse(body);
      res.setHeader("content-type", "application/json");
      const reply = {
        kind: "message",
        role: "agent",
        messageId: "m-1",
        parts: [{ kind: "text", text: "pong" }],
      };
      res.end(JSON.stringify({ jsonrpc: "2.0", id, result: reply }));
    }).listen(0, "127.0.0.1");
    await once(agent, "listening");
    const agentUrl = `http://127.0.0.1:${(agent.address() as { port: number }).port}`;

    const admin = { authorization: "Bearer admin", "content-type": "application/json" };
    const created = await fetch("http://platform.test/workspaces", {
      method: "POST",
      headers: admin,
      body: JSON.stringify({ name: "demo", runtime: "claude-code", model: "claude-opus-4-7" }),
    });
    const { id } = (await created.json()) as { id: string };
    await platform.control.idle(); // the provision at create is done: /configs holds the token
    const token = provisioner.volume(id).get(".auth_token")?.content;

    // What the runtime does at boot: register its own URL with the token from /configs.
    const since = platform.events.cursor();
    await fetch("http://platform.test/registry/register", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ id, url: agentUrl, agent_card: { name: "demo" } }),
    });
    await platform.events.waitForStatus(id, "online", { since, timeoutMs: 5000 });

    const answer = await fetch(`http://platform.test/workspaces/${id}/a2a`, {
      method: "POST",
      headers: admin,
      body: JSON.stringify({
        method: "message/send",
        params: { message: { role: "user", parts: [{ kind: "text", text: "ping" }] } },
      }),
    });
    const { result } = (await answer.json()) as { result: unknown }; // { kind: "message", role: "agent", parts: [{ kind: "text", text: "pong" }], ... }

    platform.control.reset(); // between tests
    await platform.close();
    server.close();
    agent.close();
    // README end
    expect(answer.status).toBe(200);
    expect(result).toMatchObject({ role: "agent", parts: [{ kind: "text", text: "pong" }] });
  });

  it("serves the mock platform over HTTP on a free port", async () => {
    // README: over HTTP (after its import)
    const server = await startMockPlatformServer({ port: 0, adminToken: "admin", deployMode: "development" });
    const health = await fetch(`${server.url}/health`); // server.platform is the in-process handle
    await server.close();
    // README end
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(health.status).toBe(200);
  });

  it("finds a runtime's heartbeats in the journal, with its bearer redacted, and matches them with toHaveReceived", async () => {
    expect(Object.keys(mockPlatformMatchers)).toContain("toHaveReceived");
    const platform = createMockPlatform({
      baseUrl: "http://journal.test",
      adminToken: "admin",
      deployMode: "development",
    });
    const server = setupServer(...platform.handlers);
    server.listen({ onUnhandledRequest: "error" });
    try {
      const workspaceId = randomUUID();
      const registered = await fetch("http://journal.test/registry/register", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id: workspaceId, url: "http://127.0.0.1:9/", agent_card: { name: "demo" } }),
      });
      const { auth_token: token } = (await registered.json()) as { auth_token: string };
      for (let i = 0; i < 3; i++) {
        await fetch("http://journal.test/registry/heartbeat", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ workspace_id: workspaceId }),
        });
      }
      // README: journal
      const beats = platform.journal.find({ method: "POST", path: "/registry/heartbeat", workspaceId });
      expect(beats.at(-1)?.headers.authorization).toBe(`Bearer ${redactSecret(token)}`);
      expect(JSON.parse(beats.at(-1)!.body!)).toMatchObject({ workspace_id: workspaceId });
      expect(platform).toHaveReceived({ path: "/registry/heartbeat", times: 3 });
      expect(platform).not.toHaveReceived({ path: "/registry/register", status: 401 });
      // README: journal end
    } finally {
      server.close();
      await platform.close();
    }
  });

  it("shows no code that a test does not run", () => {
    expect(untestedBlocks(README, [fileURLToPath(import.meta.url)])).toEqual([]);
  });
});
