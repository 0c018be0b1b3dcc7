import {
  bearerToken,
  CheckAccessResponse,
  DiscoverResponse,
  PlatformMessages as M,
  PeersResponse,
  workspaceContainerName,
} from "@molecule-ctk/contract";
import { z } from "zod";
import type { PlatformContext } from "../context/platform-context.js";
import { errorReply, type HttpReply, reply } from "../http/http-reply.js";
import { isExternal, type WorkspaceRecord } from "../state/workspace-record.js";
import { canCommunicate } from "./a2a-caller-auth.js";
import { secretEquals } from "./secret-equals.js";

const CheckAccessBinding = z.object({ caller_id: z.string().min(1), target_id: z.string().min(1) });

/** `POST /registry/check-access`, `GET /registry/:id/peers` and `GET /registry/discover/:id` (discovery.go). */
export class DiscoveryService {
  constructor(private readonly ctx: PlatformContext) {}

  /** `CheckAccess`: no auth; both ids non-empty (400), then `{"allowed": CanCommunicate}`. */
  checkAccess(body: unknown): HttpReply {
    const bound = CheckAccessBinding.safeParse(body);
    if (!bound.success) return errorReply(400, M.invalidRequestBody);
    const { caller_id: caller, target_id: target } = bound.data;
    return reply(CheckAccessResponse, 200, {
      allowed: canCommunicate(this.ctx.state.workspaces, caller, target),
    });
  }

  /**
   * `Peers`: the caller check of `validateDiscoveryCaller` for `:id`, then siblings (same non-null
   * parent), children and the parent, never itself nor removed rows, filtered by `?q=` on name or
   * role; always an array.
   */
  peers(id: string, authorization: string | null, q: string | null): HttpReply {
    const denied = this.#callerDenied(id, authorization);
    if (denied) return denied;
    const { workspaces } = this.ctx.state;
    const row = workspaces.get(id);
    if (!row) return errorReply(404, M.workspaceNotFound);
    const live = workspaces.all().filter((r) => r.status !== "removed" && r.id !== id);
    const siblings = row.parentId === null ? [] : live.filter((r) => r.parentId === row.parentId);
    const children = live.filter((r) => r.parentId === id);
    const parent = live.filter((r) => r.id === row.parentId);
    const needle = (q ?? "").toLowerCase();
    const peers = [...siblings, ...children, ...parent]
      .filter(
        (r) =>
          needle === "" ||
          r.name.toLowerCase().includes(needle) ||
          (r.role ?? "").toLowerCase().includes(needle),
      )
      .map(peerRow);
    return reply(PeersResponse, 200, peers);
  }

  /**
   * `Discover`: `X-Workspace-ID` required (400), the caller check for it, `CanCommunicate` (403),
   * then the target's URL: an external-like target's own URL (loopback named as
   * host.docker.internal), else the container name on port 8000 while online or degraded.
   */
  discover(targetId: string, callerId: string | null, authorization: string | null): HttpReply {
    if (!callerId) return errorReply(400, M.discoverCallerRequired);
    const denied = this.#callerDenied(callerId, authorization);
    if (denied) return denied;
    const { workspaces } = this.ctx.state;
    if (!canCommunicate(workspaces, callerId, targetId)) return errorReply(403, M.discoverDenied);
    const target = workspaces.get(targetId);
    if (!target || target.status === "removed") return errorReply(404, M.workspaceNotFound);
    if (isExternal(target) && target.url) {
      const url = target.url.replace(
        /^(https?:\/\/)(127\.0\.0\.1|localhost)(?=[:/]|$)/,
        "$1host.docker.internal",
      );
      return reply(DiscoverResponse, 200, { id: target.id, name: target.name, url });
    }
    if (target.status !== "online" && target.status !== "degraded") {
      return errorReply(503, M.discoverUnavailable, { status: target.status });
    }
    const url = `http://${workspaceContainerName(target.id)}:8000`;
    return reply(DiscoverResponse, 200, { id: target.id, name: target.name, url });
  }

  // validateDiscoveryCaller: open while the workspace holds no live token; else the admin token or a token of it.
  #callerDenied(workspaceId: string, authorization: string | null): HttpReply | undefined {
    const { tokens } = this.ctx.state;
    if (tokens.live(workspaceId).length === 0) return undefined;
    const token = bearerToken(authorization);
    if (token === undefined) return errorReply(401, M.missingWorkspaceToken);
    if (secretEquals(token, this.ctx.options.adminToken)) return undefined;
    return tokens.validate(token, workspaceId) ? undefined : errorReply(401, M.invalidWorkspaceToken);
  }
}

function peerRow(row: WorkspaceRecord) {
  return {
    id: row.id,
    name: row.name,
    role: row.role || null,
    tier: row.tier,
    status: row.status,
    agent_card: row.agentCard,
    url: row.url ?? "",
    parent_id: row.parentId,
    active_tasks: row.activeTasks,
  };
}
