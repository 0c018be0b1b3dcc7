import { bearerToken, PlatformMessages } from "@molecule-ctk/contract";
import type { PlatformContext } from "../context/platform-context.js";
import { errorReply, type HttpReply } from "../http/http-reply.js";
import type { WorkspaceStore } from "../state/workspace-store.js";
import { secretEquals } from "./secret-equals.js";

/** An authenticated A2A caller: canvas-class (admin) or a workspace, with the claimed caller id. */
export interface A2ACaller {
  canvas: boolean;
  /** The caller's workspace id: the token's workspace, or the admin's `X-Workspace-ID` claim. */
  callerId: string | null;
}

export type A2ACallerResult = { ok: true; caller: A2ACaller } | { ok: false; reply: HttpReply };

const FORBIDDEN_CALLER_PREFIXES = ["webhook:", "system:", "test:", "channel:"];

/**
 * `authenticateA2AHTTPCaller` (contract 7.2), after the system-caller prefix check (#761, 403):
 * the admin bearer is canvas-class and passes the `X-Workspace-ID` claim through; a workspace token
 * makes the caller that workspace, and a differing `X-Workspace-ID` is refused.
 */
export function authenticateA2ACaller(
  ctx: PlatformContext,
  headers: { authorization: string | null; workspaceId: string | null },
): A2ACallerResult {
  const claimed = headers.workspaceId?.trim() || null;
  const prefixesAllowed = ctx.options.mutant === "caller-prefix-allowed";
  if (!prefixesAllowed && claimed && FORBIDDEN_CALLER_PREFIXES.some((prefix) => claimed.startsWith(prefix))) {
    return { ok: false, reply: errorReply(403, PlatformMessages.invalidCallerId) };
  }
  const token = bearerToken(headers.authorization);
  if (token === undefined) return { ok: false, reply: errorReply(401, PlatformMessages.missingCallerToken) };
  if (secretEquals(token, ctx.options.adminToken))
    return { ok: true, caller: { canvas: true, callerId: claimed } };
  const record = ctx.state.tokens.lookup(token);
  if (!record) return { ok: false, reply: errorReply(401, PlatformMessages.invalidCallerToken) };
  record.lastUsedAt = Date.now();
  if (claimed && claimed !== record.workspaceId) {
    return { ok: false, reply: errorReply(401, PlatformMessages.callerMismatch) };
  }
  return { ok: true, caller: { canvas: false, callerId: record.workspaceId } };
}

/**
 * The hierarchy gate of `proxyA2ARequest`: a workspace caller other than the target itself must
 * pass {@link canCommunicate}; canvas-class callers and self-calls skip it.
 */
export function hierarchyDenies(
  ctx: PlatformContext,
  caller: A2ACaller,
  targetId: string,
): HttpReply | undefined {
  if (caller.canvas || caller.callerId === null || caller.callerId === targetId) return undefined;
  if (canCommunicate(ctx.state.workspaces, caller.callerId, targetId)) return undefined;
  return errorReply(403, PlatformMessages.hierarchyDenied);
}

const MAX_ANCESTOR_WALK = 32;

/**
 * `CanCommunicate` (registry/access.go): self; siblings under the same non-null parent (two roots
 * are not siblings); an ancestor and a descendant at any distance (the parent chain is walked up
 * to 32 steps). An unknown caller or target is denied. Removed rows still count, as the query
 * does not filter them.
 */
export function canCommunicate(workspaces: WorkspaceStore, callerId: string, targetId: string): boolean {
  if (callerId === targetId) return true;
  const caller = workspaces.get(callerId);
  const target = workspaces.get(targetId);
  if (!caller || !target) return false;
  if (caller.parentId !== null && caller.parentId === target.parentId) return true;
  if (target.parentId === caller.id || caller.parentId === target.id) return true;
  if (target.parentId !== null && isAncestorOf(workspaces, callerId, target.parentId)) return true;
  return caller.parentId !== null && isAncestorOf(workspaces, targetId, caller.parentId);
}

function isAncestorOf(workspaces: WorkspaceStore, ancestorId: string, childId: string): boolean {
  let current = childId;
  for (let step = 0; step < MAX_ANCESTOR_WALK; step++) {
    const parentId = workspaces.get(current)?.parentId ?? null;
    if (parentId === null) return false;
    if (parentId === ancestorId) return true;
    current = parentId;
  }
  return false;
}
