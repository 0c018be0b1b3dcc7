import { describe, expect, it } from "vitest";
import { call, setupTestServer } from "../platform-test-utils.js";
import { HARNESS_BODY, send, useFakeAgents, workspaceAt } from "./a2a-proxy-test-utils.js";

const { useTestPlatform } = setupTestServer();
const agent = useFakeAgents();

// a2a_queue.go DrainQueueForWorkspace dispatches a queued item "via the same ProxyA2ARequest path a
// live caller would use" (a2a_queue_test.go:TestDrainQueueForWorkspace_Success_Completes); the kit's
// one forwarded caller header, A2A-Version, therefore travels with the queued request.
// A 1 s X-Timeout, a heartbeat and a drain: about 1.3 s idle, past the default 5 s with both cores busy.
describe("draining the A2A queue", { timeout: 30_000 }, () => {
  it.each([
    ["1.0", "1.0"],
    ["none", undefined],
  ])(
    "dispatches a queued request with the caller's A2A-Version (%s), as a live call forwards it",
    async (_label, version) => {
      const platform = useTestPlatform();
      let hang = true;
      const fake = await agent((req, res) => {
        if (hang) return;
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(`{"jsonrpc":"2.0","id":${JSON.stringify(JSON.parse(req.body).id)},"result":{"ok":true}}`);
      });
      const { id, token, instanceToken } = await workspaceAt(fake.url);
      const headers: Record<string, string> = {
        "x-timeout": "1",
        ...(version ? { "a2a-version": version } : {}),
      };
      const queued = await send(id, token, HARNESS_BODY, headers);
      expect(queued.status).toBe(202);
      hang = false;
      await call("POST", "/registry/heartbeat", {
        token: instanceToken,
        body: { workspace_id: id, active_tasks: 0 },
      });
      await platform.control.idle();
      const [live, drained] = fake.requests;
      expect(drained, "the drain dispatched the queued request").toBeDefined();
      expect(drained!.body).toBe(live!.body);
      expect(drained!.headers["a2a-version"]).toBe(version);
      expect(drained!.headers["content-type"]).toBe(live!.headers["content-type"]);
      expect(drained!.headers.authorization).toBe(live!.headers.authorization);
      const status = await call("GET", `/workspaces/${id}/a2a/queue/${queued.body.queue_id}`, {
        token,
        headers: { "x-workspace-id": id },
      });
      expect(status.body).toMatchObject({ status: "completed" });
    },
  );
});
