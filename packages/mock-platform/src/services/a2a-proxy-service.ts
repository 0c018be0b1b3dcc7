import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";
import {
  A2AAsyncAcceptedResponse,
  A2AQueuedResponse,
  A2ARestartingBody,
  A2AUnreachableBody,
  PlatformMessages as M,
  QueueStatusResponse,
} from "@molecule-ctk/contract";
import type { PlatformContext } from "../context/platform-context.js";
import { errorReply, type HttpReply, reply } from "../http/http-reply.js";
import { toQueueStatus } from "../state/a2a-queue.js";
import type { WorkspaceRecord } from "../state/workspace-record.js";
import { authenticateA2ACaller } from "./a2a-caller-auth.js";
import { type ForwardOutcome, forwardToAgent, parseXTimeout } from "./a2a-forward.js";
import { type A2AEnvelope, normalizeA2APayload, readCapped, tooLargeReply } from "./a2a-normalize.js";
import { resolveA2ATarget } from "./a2a-target.js";
import type { LifecycleService } from "./lifecycle-service.js";

export interface A2AProxyRequest {
  authorization: string | null;
  workspaceIdHeader: string | null;
  xTimeout: string | null;
  /** The caller's `A2A-Version` header, forwarded untouched. */
  a2aVersion?: string | null;
  body: ReadableStream<Uint8Array> | null;
}

/** `POST /workspaces/:id/a2a` and the queue status route (contract 7). */
export class A2AProxyService {
  constructor(
    private readonly ctx: PlatformContext,
    private readonly lifecycle: LifecycleService,
  ) {}

  async proxy(targetId: string, request: A2AProxyRequest): Promise<HttpReply> {
    const headers = { authorization: request.authorization, workspaceId: request.workspaceIdHeader };
    const auth = authenticateA2ACaller(this.ctx, headers, targetId);
    if (!auth.ok) return auth.reply;
    const read = await readCapped(request.body, this.ctx.options.maxA2ABodyBytes);
    if (read.tooLarge) return tooLargeReply(this.ctx.options.maxA2ABodyBytes);
    const normalised = normalizeA2APayload(read.text);
    if (!normalised.ok) return normalised.reply;
    const envelope = this.#mutated(normalised.envelope, read.text);
    const row = this.ctx.state.workspaces.get(targetId);
    if (!row) return errorReply(404, M.workspaceNotFound);
    if (row.deliveryMode === "poll") {
      const method = typeof envelope.method === "string" ? envelope.method : "";
      return reply(A2AAsyncAcceptedResponse, 200, { status: "queued", delivery_mode: "poll", method });
    }
    const target = await resolveA2ATarget(this.ctx, row);
    if (target.kind === "reply") return target.reply;
    if (target.kind === "settling") return this.#enqueue(row, auth.caller.callerId, envelope);
    const timeoutMs = parseXTimeout(request.xTimeout);
    const outcome = await forwardToAgent(target.url, envelope, {
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...(target.bearer ? { bearer: target.bearer } : {}),
      ...(request.a2aVersion == null ? {} : { a2aVersion: request.a2aVersion }),
    });
    return this.#answer(row, auth.caller.callerId, envelope, outcome);
  }

  /** `GET /workspaces/:id/a2a/queue/:queue_id` (contract 7.8). */
  queueStatus(
    targetId: string,
    queueId: string,
    headers: { authorization: string | null; workspaceId: string | null },
  ) {
    const auth = authenticateA2ACaller(this.ctx, headers, targetId);
    if (!auth.ok) return auth.reply;
    const item = this.ctx.state.queue.get(queueId);
    if (!item || item.workspaceId !== targetId)
      return errorReply(404, M.queueItemNotFound, { retryable: true });
    const { canvas, callerId } = auth.caller;
    if (!canvas && callerId !== item.callerId && callerId !== item.workspaceId)
      return errorReply(403, M.accessDenied);
    return reply(QueueStatusResponse, 200, toQueueStatus(item));
  }

  // Maps the agent's answer or the transport failure to the proxy's reply (contract 7.6, 7.7).
  async #answer(
    row: WorkspaceRecord,
    callerId: string | null,
    envelope: A2AEnvelope,
    outcome: ForwardOutcome,
  ): Promise<HttpReply> {
    if (outcome.kind === "read-failed")
      return errorReply(502, M.agentReadFailed, { delivery_confirmed: true });
    if (outcome.kind === "response") {
      if (outcome.status >= 300) {
        if ([502, 503, 504].includes(outcome.status) && (await this.#containerGone(row))) {
          return this.#restarting(row, true);
        }
        return errorReply(
          outcome.status,
          agentError(outcome.text) ?? statusText(outcome.status, outcome.statusText),
        );
      }
      if (outcome.text === "") return errorReply(outcome.status, M.agentEmptyBody);
      this.ctx.events.emit("A2A_RESPONSE", row.id, { caller_id: callerId, status: outcome.status });
      return { status: outcome.status, raw: outcome.text, headers: { "content-type": "application/json" } };
    }
    if (await this.#containerGone(row)) return this.#restarting(row, false);
    if (outcome.failure === "refused") {
      const body = { error: M.agentRestarting, busy: true as const, retry_after: 30 };
      return reply(A2ARestartingBody, 503, body, { "retry-after": "30" });
    }
    if (outcome.failure === "timeout" || outcome.failure === "reset")
      return this.#enqueue(row, callerId, envelope);
    return errorReply(502, M.agentUnreachable);
  }

  // The mutants "proxy-no-wrap" (the body as it came) and "proxy-drops-envelope-id" (a fresh id always).
  #mutated(envelope: A2AEnvelope, text: string): A2AEnvelope {
    const { mutant } = this.ctx.options;
    if (mutant === "proxy-no-wrap") return JSON.parse(text) as A2AEnvelope;
    if (mutant === "proxy-drops-envelope-id") return { ...envelope, id: randomUUID() };
    return envelope;
  }

  // The dead-container probe: true only when a provisioner says the container is not running.
  async #containerGone(row: WorkspaceRecord): Promise<boolean> {
    const provisioner = this.ctx.options.provisioner;
    if (!provisioner) return false;
    try {
      return !(await provisioner.isRunning(row.id));
    } catch {
      return false; // one flaky probe never recycles a healthy workspace (#2929)
    }
  }

  #restarting(row: WorkspaceRecord, upstream5xx: boolean): HttpReply {
    this.lifecycle.markOffline(row.id, "a2a: container gone");
    const body = { error: M.agentUnreachableRestarting, restarting: true as const };
    if (!upstream5xx) return reply(A2AUnreachableBody, 503, body);
    return reply(A2AUnreachableBody, 503, { ...body, retry_after: 15 }, { "retry-after": "15" });
  }

  #enqueue(row: WorkspaceRecord, callerId: string | null, envelope: A2AEnvelope): HttpReply {
    const { queue } = this.ctx.state;
    const item = queue.enqueue(row.id, callerId, envelope);
    this.ctx.events.emit("A2A_QUEUED", row.id, { queue_id: item.queueId });
    return reply(A2AQueuedResponse, 202, {
      queued: true,
      queue_id: item.queueId,
      queue_depth: queue.waiting(row.id).length,
      message: M.agentBusyQueued,
    });
  }
}

function statusText(status: number, reason: string): string {
  return reason || STATUS_CODES[status] || String(status);
}

// The agent's string `error` field, if its body is JSON with one.
function agentError(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: unknown };
    return typeof body?.error === "string" ? body.error : undefined;
  } catch {
    return undefined;
  }
}
