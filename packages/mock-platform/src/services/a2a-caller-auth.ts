import { bearerToken, PlatformMessages } from "@molecule-ctk/contract";
import type { PlatformContext } from "../context/platform-context.js";
import { errorReply, type HttpReply } from "../http/http-reply.js";
import type { WorkspaceStore } from "../state/workspace-store.js";

/** An authenticated A2A caller: canvas-class (admin) or a workspace, with the claimed caller id. */
export interface A2ACaller {
  canvas: boolean;
  /** The caller's workspace id: the token's workspace, or the admin's `X-Workspace-ID` claim. */
  callerId: string | null;
}

export type A2ACallerResult = { ok: true; caller: A2ACaller } | { ok: false; reply: HttpReply };

const FORBIDDEN_CALLER_PREFIXES = ["webhook:", "system:", "test:", "channel:"];

/**
 * `authenticateA2AHTTPCaller` (contract 7.2): the admin bearer is canvas-class and passes the
 * `X-Workspace-ID` claim through; a workspace token makes the caller that workspace, and a differing
 * `X-Workspace-ID` is refused; reserved caller-id prefixes get 403 (#761); workspace callers other
 * than the target itself must pass the hierarchy check.
 */
export function authenticateA2ACaller(
  ctx: PlatformContext,
  headers: { authorization: string | null; workspaceId: string | null },
  targetId: string,
): A2ACallerResult {
  const claimed = headers.workspaceId?.trim() || null;
  const prefixesAllowed = ctx.options.mutant === "caller-prefix-allowed";
  if (!prefixesAllowed && claimed && FORBIDDEN_CALLER_PREFIXES.some((prefix) => claimed.startsWith(prefix))) {
    return { ok: false, reply: errorReply(403, PlatformMessages.invalidCallerId) };
  }
  if (!headers.authorization)
    return { ok: false, reply: errorReply(401, PlatformMessages.missingCallerToken) };
  const token = bearerToken(headers.authorization);
  if (token !== undefined && ctx.options.adminToken !== undefined && token === ctx.options.adminToken) {
    return { ok: true, caller: { canvas: true, callerId: claimed } };
  }
  const record = token === undefined ? undefined : ctx.state.tokens.lookup(token);
  if (!record) return { ok: false, reply: errorReply(401, PlatformMessages.invalidCallerToken) };
  record.lastUsedAt = Date.now();
  if (claimed && claimed !== record.workspaceId) {
    return { ok: false, reply: errorReply(401, PlatformMessages.callerMismatch) };
  }
  const callerId = record.workspaceId;
  if (callerId !== targetId && !canCommunicate(ctx.state.workspaces, callerId, targetId)) {
    return { ok: false, reply: errorReply(403, PlatformMessages.hierarchyDenied) };
  }
  return { ok: true, caller: { canvas: false, callerId } };
}

/** `CanCommunicate`: siblings (same parent, roots included) and direct parent/child pairs. */
export function canCommunicate(workspaces: WorkspaceStore, callerId: string, targetId: string): boolean {
  const caller = workspaces.get(callerId);
  const target = workspaces.get(targetId);
  if (!caller || !target) return true; // an unknown target is answered 404 later, not 403
  if (caller.parentId === target.parentId) return true;
  return caller.parentId === target.id || target.parentId === caller.id;
}
