import { randomUUID } from "node:crypto";
import {
  A2AQueuedResponse,
  harnessMessage,
  PlatformMessages as M,
  QueueStatusResponse,
} from "@molecule-ctk/contract";
import { heartbeatBody, registerBody } from "../check-context.js";
import { Findings, type PlatformCheck, sameJson, seen, skip } from "../platform-check.js";
import { messageOf } from "./a2a-forwarding.js";

const callerIdPrefixes: PlatformCheck = {
  id: "a2a.caller-id-prefixes",
  level: "MUST",
  section: "contract 7.2 (#761)",
  rule: "An A2A call whose X-Workspace-ID starts with webhook:, system:, test: or channel: is refused 403 invalid caller ID, whatever its bearer.",
  fix: 'refuse the reserved caller-id prefixes with 403 {"error":"invalid caller ID"} before authenticating the caller',
  async run(ctx) {
    const f = new Findings();
    const target = await ctx.runtime();
    for (const prefix of ["webhook:", "system:", "test:", "channel:"]) {
      const answer = await ctx.client.a2a(target.id, harnessMessage("ping"), {
        token: ctx.adminToken,
        callerId: `${prefix}molecule-ctk-verify`,
      });
      f.errorBody(`X-Workspace-ID ${prefix}…`, answer, 403, M.invalidCallerId);
    }
    f.expect(
      ctx.agent.requestsTo(`/ws/${target.id}`).length === 0,
      "a call with a reserved caller id reached the agent",
    );
    return f.outcome(this, "webhook:, system:, test: and channel: caller ids refused 403");
  },
};

const unknownWorkspace: PlatformCheck = {
  id: "a2a.unknown-workspace",
  level: "MUST",
  section: "contract 7.4",
  rule: "A2A to a workspace id that has no row answers 404 workspace not found.",
  fix: 'answer 404 {"error":"workspace not found"} when the target has no row',
  async run(ctx) {
    const f = new Findings();
    const answer = await ctx.client.a2a(randomUUID(), harnessMessage("ping"), { token: ctx.adminToken });
    f.errorBody("A2A to an unknown workspace", answer, 404, M.workspaceNotFound);
    return f.outcome(this, "404 workspace not found");
  },
};

const noUrl: PlatformCheck = {
  id: "a2a.no-url",
  level: "MUST",
  section: "contract 7.4",
  rule: 'A2A to an online workspace with no URL answers 503 {"error":"workspace has no URL","status":<status>}.',
  fix: "when the row has no URL and is not provisioning, awaiting_agent or hibernated, answer 503 with the error and the row's status",
  async run(ctx) {
    const f = new Findings();
    const workspace = await ctx.external("no-url");
    await ctx.client.heartbeat(heartbeatBody(workspace.id), { token: workspace.token });
    const row = await ctx.row(workspace.id);
    if (
      !f.expect(
        row?.status === "online" && !row.url,
        `setup: the external workspace reads ${JSON.stringify(row?.status)} with url ${JSON.stringify(row?.url)} after a heartbeat, expected online without a URL`,
      )
    ) {
      return f.outcome(this, "");
    }
    const answer = await ctx.selfCall(workspace, harnessMessage("ping"));
    f.body("A2A to it", answer, 503, { error: M.workspaceHasNoUrl, status: "online" });
    return f.outcome(this, "503 workspace has no URL, status online");
  },
};

const queuedWhenSettling: PlatformCheck = {
  id: "a2a.queued-when-settling",
  level: "MUST",
  section: "contract 7.4, 7.7, 7.8",
  rule: "A2A to an awaiting_agent workspace with no URL is queued: 202 {queued, queue_id (UUID), queue_depth, message}; the queue route then shows the item queued, and 404 queue item not found for an unknown id.",
  fix: "classify a URL-less provisioning/awaiting_agent target as workspace_settling and enqueue it (202); serve GET /workspaces/:id/a2a/queue/:queue_id",
  async run(ctx) {
    const f = new Findings();
    const workspace = await ctx.external("queue");
    const answer = await ctx.selfCall(workspace, harnessMessage("ping"));
    const queued = A2AQueuedResponse.safeParse(answer.body);
    if (
      !f.expect(
        answer.status === 202 && queued.success,
        `A2A to an awaiting_agent workspace answered ${seen(answer)}, expected 202 queued with a UUID queue_id`,
      )
    ) {
      return f.outcome(this, "");
    }
    const caller = { token: workspace.token, callerId: workspace.id };
    const status = await ctx.client.queueStatus(workspace.id, queued.data!.queue_id, caller);
    const item = QueueStatusResponse.safeParse(status.body);
    f.expect(
      status.status === 200 &&
        item.success &&
        item.data.status === "queued" &&
        item.data.workspace_id === workspace.id,
      `the queue route answered ${seen(status)}, expected 200 with status queued and no response_body`,
    );
    const unknown = await ctx.client.queueStatus(workspace.id, randomUUID(), caller);
    f.body("the queue route for an unknown id", unknown, 404, {
      error: M.queueItemNotFound,
      retryable: true,
    });
    return f.outcome(
      this,
      `202 queued (queue_depth ${queued.data!.queue_depth}); the item reads queued; unknown id 404`,
    );
  },
};

const queueDrains: PlatformCheck = {
  id: "a2a.queue-drains",
  level: "SHOULD",
  section: "contract 5.2, 7.7 (#1870)",
  rule: "Once the workspace registers its URL, a heartbeat with spare capacity dispatches the queued request, and the queue route shows it completed with the agent's reply as response_body.",
  fix: "drain the workspace's queue when a heartbeat reports active_tasks < max_concurrent_tasks, and store the agent's reply on the completed item",
  async run(ctx) {
    const url = ctx.dispatchUrl("/drain/");
    if (url === undefined) return skip((ctx.dispatch as { reason: string }).reason);
    const f = new Findings();
    const workspace = await ctx.external("drain");
    const answer = await ctx.selfCall(workspace, harnessMessage("queued ping"));
    const queued = A2AQueuedResponse.safeParse(answer.body);
    if (
      !f.expect(
        answer.status === 202 && queued.success,
        `setup: A2A to an awaiting_agent workspace answered ${seen(answer)}, expected 202 queued`,
      )
    ) {
      return f.outcome(this, "");
    }
    const path = `/drain/${workspace.id}`;
    const agentUrl = ctx.dispatchUrl(path)!;
    const registered = await ctx.client.register(registerBody(workspace.id, agentUrl), {
      token: workspace.token,
    });
    f.status("the register with the agent URL", registered, 200);
    f.status(
      "the heartbeat with spare capacity",
      await ctx.client.heartbeat(heartbeatBody(workspace.id), { token: workspace.token }),
      200,
    );
    const caller = { token: workspace.token, callerId: workspace.id };
    const deadline = Date.now() + 15_000;
    let item = QueueStatusResponse.safeParse(undefined);
    while (Date.now() < deadline) {
      item = QueueStatusResponse.safeParse(
        (await ctx.client.queueStatus(workspace.id, queued.data!.queue_id, caller)).body,
      );
      if (item.success && ["completed", "failed", "dropped"].includes(item.data.status)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const forwarded = ctx.agent.requestsTo(path)[0];
    if (
      !f.expect(
        forwarded !== undefined,
        `the agent at ${agentUrl} never received the queued request (item ${item.success ? item.data.status : "unreadable"})`,
      )
    ) {
      return f.outcome(this, "");
    }
    const text = messageOf(forwarded!.json)?.parts;
    f.expect(
      JSON.stringify(text ?? "").includes("queued ping"),
      `the dispatched request did not carry the queued message: ${forwarded!.text.slice(0, 140)}`,
    );
    f.expect(
      item.success &&
        item.data.status === "completed" &&
        sameJson(item.data.response_body, JSON.parse(forwarded!.replyText)),
      `the queue item reads ${item.success ? item.data.status : "unreadable"}, expected completed with the agent's reply as response_body`,
    );
    return f.outcome(
      this,
      "register + heartbeat dispatched the queued request; the item completed with the agent's reply",
    );
  },
};

/** The proxy's routing: who may call, which targets exist, what has no URL yet, and its queue (contract 7.2, 7.4, 7.7, 7.8). */
export const A2A_ROUTING_CHECKS: ReadonlyArray<PlatformCheck> = [
  callerIdPrefixes,
  unknownWorkspace,
  noUrl,
  queuedWhenSettling,
  queueDrains,
];
