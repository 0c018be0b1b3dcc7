import { randomUUID } from "node:crypto";
import { A2AQueuedResponse, QueueStatusResponse } from "@molecule-ctk/contract";
import { describe, expect, it } from "vitest";
import {
  ADMIN,
  call,
  createWorkspace,
  freePort,
  InMemoryProvisioner,
  registerBody,
  setupTestServer,
} from "../platform-test-utils.js";
import { HARNESS_BODY, send, useFakeAgents, workspaceAt } from "./a2a-proxy-test-utils.js";

const { useTestPlatform } = setupTestServer();
const agent = useFakeAgents();

describe("POST /workspaces/:id/a2a errors (contract 7.7)", () => {
  // a2a_proxy_test.go:TestProxyA2A_AgentReturnsError: the agent's string "error", else Go's
  // http.StatusText (not the agent's reason phrase; "" for a code Go does not name).
  it("relays an agent status >= 300 with its error string, or Go's status text; redirects are not followed", async () => {
    useTestPlatform();
    const answers: Array<[number, string, Record<string, string>]> = [
      [500, '{"error":"kaboom"}', {}],
      [418, "short and stout", {}],
      [302, "moved", { location: "http://127.0.0.1:1/" }],
      [599, "odd", {}],
    ];
    const fake = await agent((_req, res) => {
      const [status, body, headers] = answers.shift()!;
      res.writeHead(status, headers).end(body);
    });
    const { id } = await workspaceAt(fake.url);
    expect(await send(id, ADMIN)).toMatchObject({ status: 500, body: { error: "kaboom" } });
    expect(await send(id, ADMIN)).toMatchObject({ status: 418, body: { error: "I'm a teapot" } });
    expect(await send(id, ADMIN)).toMatchObject({ status: 302, body: { error: "Found" } });
    expect(await send(id, ADMIN)).toMatchObject({ status: 599, body: { error: "" } });
    expect(fake.requests).toHaveLength(4);
  });

  it("answers an empty 2xx body as an error with the agent's status", async () => {
    useTestPlatform();
    const fake = await agent((_req, res) => res.writeHead(200).end());
    const { id } = await workspaceAt(fake.url);
    expect(await send(id, ADMIN)).toMatchObject({
      status: 200,
      body: { error: "agent returned empty response body" },
    });
  });

  // handlers_additional_test.go:TestProxyA2A_AgentUnreachable, a2a_proxy_test.go:TestHandleA2ADispatchError_GenericReturns502:
  // with no provisioner to vouch for the container, a refused dial is a plain 502.
  it("answers connection refused with 502 failed to reach workspace agent when no provisioner can confirm the container", async () => {
    useTestPlatform();
    const { id } = await workspaceAt(`http://127.0.0.1:${await freePort()}`);
    expect(await send(id, ADMIN)).toMatchObject({
      status: 502,
      body: { error: "failed to reach workspace agent" },
    });
  });

  // a2a_proxy_restarting_behavior_test.go:TestProxyA2A_RestartingAgent_Returns503AndIsNotQueued,
  // a2a_proxy_restart_eof_repro_test.go:TestProxyA2A_RestartingAgent_EOFShape_MustNotBeEnqueued (#4147).
  it.each(["refused", "reset"] as const)(
    "answers a %s connection to a running container with 503 restarting, busy and Retry-After 30, not queued",
    async (shape) => {
      const provisioner = new InMemoryProvisioner();
      const platform = useTestPlatform({ provisioner });
      const fake = await agent((_req, res) => res.socket?.destroy());
      const { id, token } = await createWorkspace();
      await platform.control.idle();
      platform.state.workspaces.get(id)!.url =
        shape === "reset" ? fake.url : `http://127.0.0.1:${await freePort()}`;
      const res = await send(id, token);
      expect(res.status).toBe(503);
      expect(res.body).toEqual({
        error: "workspace agent restarting — retry after a short backoff",
        busy: true,
        retry_after: 30,
      });
      expect(res.headers.get("retry-after")).toBe("30");
      expect(platform.state.queue.all()).toEqual([]);
    },
  );

  // a2a_proxy_test.go:TestMaybeMarkContainerDead_RecentHeartbeat_DoesNotRestart.
  it("queues instead of restarting when the container is gone but a heartbeat came in the last 15 s", async () => {
    const provisioner = new InMemoryProvisioner();
    const platform = useTestPlatform({ provisioner });
    const { id, token } = await createWorkspace();
    await platform.control.idle();
    const row = platform.state.workspaces.get(id)!;
    row.url = `http://127.0.0.1:${await freePort()}`;
    row.status = "online";
    row.lastHeartbeatAt = Date.now();
    await provisioner.kill(id);
    const res = await send(id, token);
    expect(res.status).toBe(202);
    expect(A2AQueuedResponse.parse(res.body).queue_depth).toBe(1);
    expect(row.status).toBe("online");
  });

  it("answers a dead container with 503 restart triggered, takes the row offline and restarts it", async () => {
    const provisioner = new InMemoryProvisioner();
    const platform = useTestPlatform({ provisioner });
    const { id, token } = await createWorkspace();
    await platform.control.idle();
    provisioner.volume(id).set("config.yaml", { content: "x: 1\n", mode: 0o644 });
    platform.state.workspaces.get(id)!.url = `http://127.0.0.1:${await freePort()}`;
    platform.state.workspaces.get(id)!.status = "online";
    await provisioner.kill(id);
    const res = await send(id, token);
    expect(res).toMatchObject({
      status: 503,
      body: { error: "workspace agent unreachable — container restart triggered", restarting: true },
    });
    expect(
      platform.events.history().some((e) => e.type === "WORKSPACE_OFFLINE" && e.workspaceId === id),
    ).toBe(true);
    await platform.control.idle();
    expect(provisioner.container(id)).toBeDefined();
  });

  it("adds Retry-After 15 when an agent 503 comes from a dead container", async () => {
    const provisioner = new InMemoryProvisioner();
    const platform = useTestPlatform({ provisioner });
    const fake = await agent((_req, res) => res.writeHead(503).end("{}"));
    const { id, token } = await createWorkspace();
    await platform.control.idle();
    platform.state.workspaces.get(id)!.url = fake.url;
    await provisioner.kill(id);
    const res = await send(id, token);
    expect(res.body).toMatchObject({ restarting: true, retry_after: 15 });
    expect(res.headers.get("retry-after")).toBe("15");
  });

  it("queues on a timeout or a reset, and a heartbeat with spare capacity drains the queue", async () => {
    const platform = useTestPlatform();
    let mode: "hang" | "reset" | "ok" = "hang";
    const fake = await agent((req, res) => {
      if (mode === "hang") return;
      if (mode === "reset") return res.socket?.destroy();
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(`{"jsonrpc":"2.0","id":${JSON.stringify(JSON.parse(req.body).id)},"result":{"ok":true}}`);
    });
    const { id, token, instanceToken } = await workspaceAt(fake.url);
    const timedOut = await send(id, token, HARNESS_BODY, { "x-timeout": "1" });
    expect(timedOut.status).toBe(202);
    mode = "reset";
    const reset = await send(id, token);
    expect(A2AQueuedResponse.parse(reset.body).queue_depth).toBe(2);
    const qid = timedOut.body.queue_id as string;
    const pending = await call("GET", `/workspaces/${id}/a2a/queue/${qid}`, {
      token,
      headers: { "x-workspace-id": id },
    });
    expect(QueueStatusResponse.parse(pending.body)).toMatchObject({ status: "queued" });
    expect(pending.body.response_body).toBeUndefined();
    mode = "ok";
    await call("POST", "/registry/heartbeat", {
      token: instanceToken,
      body: { workspace_id: id, active_tasks: 0 },
    });
    await platform.control.idle();
    const done = await call("GET", `/workspaces/${id}/a2a/queue/${qid}`, {
      token,
      headers: { "x-workspace-id": id },
    });
    expect(done.body).toMatchObject({ status: "completed", response_body: { result: { ok: true } } });
    expect(done.body.response_body.id).toBe(JSON.parse(fake.requests[0]!.body).id);
  });

  it("does not drain while the agent reports no spare capacity", async () => {
    const platform = useTestPlatform();
    const { id, token } = await createWorkspace();
    const queued = await send(id, token);
    const fake = await agent();
    const reg = await call("POST", "/registry/register", { body: registerBody(id, fake.url) });
    await call("POST", "/registry/heartbeat", {
      token: reg.body.auth_token,
      body: { workspace_id: id, active_tasks: 1 },
    });
    await platform.control.idle();
    expect(platform.state.queue.get(queued.body.queue_id)?.status).toBe("queued");
    expect(fake.requests).toHaveLength(0);
  });

  it("guards the queue status route: 404 retryable for an unknown id, 403 for an unrelated caller", async () => {
    useTestPlatform();
    const { id, token } = await createWorkspace({ name: "A" });
    const other = await createWorkspace({ name: "B" });
    const qid = (await send(id, token)).body.queue_id;
    const missing = await call("GET", `/workspaces/${id}/a2a/queue/${randomUUID()}`, { token: ADMIN });
    expect(missing).toMatchObject({ status: 404, body: { error: "queue item not found", retryable: true } });
    const denied = await call("GET", `/workspaces/${id}/a2a/queue/${qid}`, { token: other.token });
    expect(denied).toMatchObject({ status: 403, body: { error: "access denied" } });
    expect((await call("GET", `/workspaces/${id}/a2a/queue/${qid}`, { token: ADMIN })).status).toBe(200);
  });
});
