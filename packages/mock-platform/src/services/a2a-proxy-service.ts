import { randomUUID } from "node:crypto";
import {
  A2AAsyncAcceptedResponse,
  A2AQueuedResponse,
  A2ARestartingBody,
  A2AUnreachableBody,
  bearerToken,
  PlatformMessages as M,
  QueueStatusResponse,
  WorkspaceId,
} from "@molecule-ctk/contract";
import type { PlatformContext } from "../context/platform-context.js";
import { goStatusText } from "../http/go-status-text.js";
import { errorReply, type HttpReply, reply } from "../http/http-reply.js";
import type { BodyRead } from "../http/request-body.js";
import { toQueueStatus } from "../state/a2a-queue.js";
import { isExternal, type WorkspaceRecord } from "../state/workspace-record.js";
import { authenticateA2ACaller, hierarchyDenies } from "./a2a-caller-auth.js";
import {
  type ForwardedHeaders,
  type ForwardOutcome,
  forwardToAgent,
  MAX_A2A_RESPONSE_BYTES,
  parseXTimeout,
} from "./a2a-forward.js";
import { type A2AEnvelope, normalizeA2APayload, tooLargeReply } from "./a2a-normalize.js";
import { resolveA2ATarget } from "./a2a-target.js";
import type { LifecycleService } from "./lifecycle-service.js";
import { secretEquals } from "./secret-equals.js";

export interface A2AProxyRequest {
  authorization: string | null;
  workspaceIdHeader: string | null;
  xTimeout: string | null;
  /** The body, read up to the A2A cap. */
  readBody: () => Promise<BodyRead>;
  /** The caller's `A2A-Version` header, forwarded untouched (and kept with a queued request). */
  a2aVersion?: string | null;
}

/** A container whose last beat is this recent is not declared dead on one failed probe. */
const RECENT_HEARTBEAT_MS = 15_000;
/** Agent statuses that send the proxy to the dead-container probe (502-504 and Cloudflare's 521-524). */
const DEAD_STATUSES = new Set([502, 503, 504, 521, 522, 523, 524]);
const BUSY_RETRY_AFTER = 30;

type Liveness = { kind: "alive" } | { kind: "dead" } | { kind: "queued"; reply: HttpReply };

/** `POST /workspaces/:id/a2a` and the queue status route (contract 7). */
export class A2AProxyService {
  constructor(
    private readonly ctx: PlatformContext,
    private readonly lifecycle: LifecycleService,
  ) {}

  /**
   * `ProxyA2A` then `proxyA2ARequest`, in upstream's order: the body cap (413, before any auth),
   * the system-caller prefix (403), caller auth (401), the hierarchy (403), normalisation (400),
   * poll mode, URL resolution, dispatch, and the classification of what came back.
   */
  async proxy(
    targetId: string,
    request: A2AProxyRequest,
    via: { inbound?: boolean } = {},
  ): Promise<HttpReply> {
    const { options, state } = this.ctx;
    const timeoutMs = parseXTimeout(request.xTimeout);
    const read = await request.readBody();
    if (read.tooLarge) return tooLargeReply(options.maxA2ABodyBytes);
    const headers = { authorization: request.authorization, workspaceId: request.workspaceIdHeader };
    // An inbound call was authenticated by the target's inbound secret: no caller, no hierarchy.
    const auth: ReturnType<typeof authenticateA2ACaller> = via.inbound
      ? { ok: true, caller: { canvas: false, callerId: null } }
      : authenticateA2ACaller(this.ctx, headers);
    if (!auth.ok) return auth.reply;
    const denied = hierarchyDenies(this.ctx, auth.caller, targetId);
    if (denied) return denied;
    const normalised = normalizeA2APayload(read.text);
    if (!normalised.ok) return normalised.reply;
    const envelope = this.#mutated(normalised.envelope, read.text);
    // Upstream's next step queries a uuid column; the mock platform answers a malformed id plainly.
    if (!WorkspaceId.safeParse(targetId).success) return errorReply(400, M.invalidWorkspaceId);
    const row = state.workspaces.get(targetId);
    if (!row) return errorReply(404, M.workspaceNotFound);
    if (row.deliveryMode === "poll") {
      const method = typeof envelope.method === "string" ? envelope.method : "";
      return reply(A2AAsyncAcceptedResponse, 200, { status: "queued", delivery_mode: "poll", method });
    }
    const callerId = auth.caller.callerId;
    const target = await resolveA2ATarget(this.ctx, row);
    if (target.kind === "reply") return target.reply;
    // The caller headers the proxy forwards; a queued request keeps them for its dispatch.
    const forwarded: ForwardedHeaders = request.a2aVersion == null ? {} : { a2aVersion: request.a2aVersion };
    if (target.kind === "settling") return this.#enqueue(row, callerId, envelope, forwarded);
    const outcome = await forwardToAgent(target.url, envelope, {
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...(target.bearer ? { bearer: target.bearer } : {}),
      ...forwarded,
      transport: this.ctx.options.agentTransport,
    });
    return this.#answer(row, callerId, envelope, forwarded, outcome);
  }

  /**
   * `POST /workspaces/:id/a2a/inbound` (a2a_proxy.go `ReceiveA2AInbound`): an external agent calls
   * with the target's `platform_inbound_secret` as bearer (401 without one, 401 when the workspace
   * has none, 403 for another, compared in constant time); then the proxy runs without a caller.
   */
  async inbound(targetId: string, request: A2AProxyRequest): Promise<HttpReply> {
    const token = bearerToken(request.authorization);
    if (token === undefined) return errorReply(401, M.inboundMissingAuthorization);
    const row = this.ctx.state.workspaces.get(targetId);
    const secret = row ? this.ctx.state.inboundSecrets.get(targetId) : undefined;
    if (!secret) return errorReply(401, M.inboundNoSecret);
    if (!secretEquals(token, secret)) return errorReply(403, M.inboundInvalidSecret);
    return this.proxy(
      targetId,
      { ...request, authorization: null, workspaceIdHeader: null },
      { inbound: true },
    );
  }

  /** `GET /workspaces/:id/a2a/queue/:queue_id` (a2a_queue_status.go; contract 7.8): the item by its id alone. */
  queueStatus(
    queueId: string,
    headers: { authorization: string | null; workspaceId: string | null },
  ): HttpReply {
    const auth = authenticateA2ACaller(this.ctx, headers);
    if (!auth.ok) return auth.reply;
    const item = this.ctx.state.queue.get(queueId);
    if (!item) return errorReply(404, M.queueItemNotFound, { retryable: true });
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
    forwarded: ForwardedHeaders,
    outcome: ForwardOutcome,
  ): Promise<HttpReply> {
    if (outcome.kind === "read-failed") {
      const status = outcome.status >= 300 ? outcome.status : 502;
      return errorReply(status, outcome.truncated ? responseTooLarge() : M.agentReadFailed, {
        delivery_confirmed: outcome.status >= 200 && outcome.status < 400,
        truncated: outcome.truncated,
        max_bytes: MAX_A2A_RESPONSE_BYTES,
      });
    }
    if (outcome.kind === "response") {
      if (outcome.status >= 300) {
        if (DEAD_STATUSES.has(outcome.status)) {
          const liveness = await this.#probeLiveness(row, callerId, envelope, forwarded);
          if (liveness.kind === "queued") return liveness.reply;
          if (liveness.kind === "dead") return this.#declareDead(row, true);
        }
        return errorReply(outcome.status, agentError(outcome.text) ?? goStatusText(outcome.status));
      }
      if (outcome.text === "") return errorReply(outcome.status, M.agentEmptyBody);
      this.ctx.events.emit("A2A_RESPONSE", row.id, { caller_id: callerId, status: outcome.status });
      return { status: outcome.status, raw: outcome.text, headers: { "content-type": "application/json" } };
    }
    const liveness = await this.#probeLiveness(row, callerId, envelope, forwarded);
    if (liveness.kind === "queued") return liveness.reply;
    if (liveness.kind === "dead") return this.#declareDead(row, false);
    const { failure } = outcome;
    // a2a_proxy_helpers.go handleA2ADispatchError: a refused or dropped connection means "restarting"
    // only when a provisioner can vouch for the container; a timeout or a drop otherwise is "busy".
    const restarting = (failure === "refused" || failure === "reset") && this.#livenessVerifiable(row);
    if (restarting) {
      const body = { error: M.agentRestarting, busy: true as const, retry_after: BUSY_RETRY_AFTER };
      return reply(A2ARestartingBody, 503, body, { "retry-after": String(BUSY_RETRY_AFTER) });
    }
    if (failure === "timeout" || failure === "reset")
      return this.#enqueue(row, callerId, envelope, forwarded);
    return errorReply(502, M.agentUnreachable);
  }

  // The mutants "proxy-no-wrap" (the body as it came) and "proxy-drops-envelope-id" (a fresh id always).
  #mutated(envelope: A2AEnvelope, text: string): A2AEnvelope {
    const { mutant } = this.ctx.options;
    if (mutant === "proxy-no-wrap") return JSON.parse(text) as A2AEnvelope;
    if (mutant === "proxy-drops-envelope-id") return { ...envelope, id: randomUUID() };
    return envelope;
  }

  #livenessVerifiable(row: WorkspaceRecord): boolean {
    return this.ctx.options.provisioner !== undefined && !isExternal(row);
  }

  /**
   * `maybeMarkContainerDead`: with no provisioner, an external runtime or a restart in flight the
   * container counts as alive; a failed probe assumes alive (#2929); a stopped container with a
   * heartbeat under 15 s old is probed once more and, still stopped, the request is queued.
   */
  async #probeLiveness(
    row: WorkspaceRecord,
    callerId: string | null,
    envelope: A2AEnvelope,
    forwarded: ForwardedHeaders,
  ): Promise<Liveness> {
    const provisioner = this.ctx.options.provisioner;
    if (!provisioner || isExternal(row) || this.lifecycle.restarting(row.id)) return { kind: "alive" };
    const probe = async () => {
      try {
        return await provisioner.isRunning(row.id);
      } catch {
        return true;
      }
    };
    if (await probe()) return { kind: "alive" };
    const recent = row.lastHeartbeatAt !== null && Date.now() - row.lastHeartbeatAt <= RECENT_HEARTBEAT_MS;
    if (!recent) return { kind: "dead" };
    if (await probe()) return { kind: "alive" };
    return { kind: "queued", reply: this.#enqueue(row, callerId, envelope, forwarded) };
  }

  #declareDead(row: WorkspaceRecord, upstream5xx: boolean): HttpReply {
    this.lifecycle.markOffline(row.id, "a2a: container gone");
    const body = { error: M.agentUnreachableRestarting, restarting: true as const };
    if (!upstream5xx) return reply(A2AUnreachableBody, 503, body);
    return reply(A2AUnreachableBody, 503, { ...body, retry_after: 15 }, { "retry-after": "15" });
  }

  #enqueue(
    row: WorkspaceRecord,
    callerId: string | null,
    envelope: A2AEnvelope,
    forwarded: ForwardedHeaders,
  ): HttpReply {
    const { queue } = this.ctx.state;
    const item = queue.enqueue(row.id, callerId, envelope, forwarded);
    if (!item) {
      // The queue insert failed (here: the queue is full): 503 busy, retry later (contract 7.7).
      const extra = { busy: true, retry_after: BUSY_RETRY_AFTER };
      return errorReply(503, M.agentBusyRetry, extra, { "retry-after": String(BUSY_RETRY_AFTER) });
    }
    this.ctx.events.emit("A2A_QUEUED", row.id, { queue_id: item.queueId });
    return reply(A2AQueuedResponse, 202, {
      queued: true,
      queue_id: item.queueId,
      queue_depth: queue.waiting(row.id).length,
      message: M.agentBusyQueued,
    });
  }
}

function responseTooLarge(): string {
  return `response body exceeds ${MAX_A2A_RESPONSE_BYTES} byte limit: A2A body exceeds size limit`;
}

// The agent's top-level string `error` field, if its body is a JSON object with one.
function agentError(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: unknown };
    return typeof body?.error === "string" && body.error !== "" ? body.error : undefined;
  } catch {
    return undefined;
  }
}
