import { bearerToken, PlatformMessages } from "@molecule-ctk/contract";
import type { PlatformContext } from "../context/platform-context.js";
import { errorReply, type HttpReply } from "../http/http-reply.js";

/** Who passed an API auth tier: the admin, or a workspace token's workspace. */
export type ApiCaller = { kind: "admin" } | { kind: "workspace"; workspaceId: string };

export type ApiAuthResult = { ok: true; caller: ApiCaller } | { ok: false; reply: HttpReply };

function isAdminBearer(ctx: PlatformContext, token: string | undefined): boolean {
  return token !== undefined && ctx.options.adminToken !== undefined && token === ctx.options.adminToken;
}

/**
 * AdminAuth, failing closed (contract 9): the `ADMIN_TOKEN` bearer; any live workspace token only
 * while no `ADMIN_TOKEN` is configured. Sessions and org tokens do not exist in the mock platform.
 */
export function adminAuth(ctx: PlatformContext, authorization: string | null): ApiAuthResult {
  const token = bearerToken(authorization);
  if (isAdminBearer(ctx, token)) return { ok: true, caller: { kind: "admin" } };
  if (token !== undefined && ctx.options.adminToken === undefined) {
    const record = ctx.state.tokens.lookup(token);
    if (record) {
      record.lastUsedAt = Date.now();
      return { ok: true, caller: { kind: "workspace", workspaceId: record.workspaceId } };
    }
  }
  return { ok: false, reply: errorReply(401, PlatformMessages.adminAuthRequired) };
}

/** WorkspaceAuth (contract 9): the `ADMIN_TOKEN` bearer, or a live token bound to `:id`. */
export function workspaceAuth(
  ctx: PlatformContext,
  authorization: string | null,
  workspaceId: string,
): ApiAuthResult {
  const token = bearerToken(authorization);
  if (isAdminBearer(ctx, token)) return { ok: true, caller: { kind: "admin" } };
  const valid =
    token !== undefined &&
    (ctx.options.mutant === "cross-workspace-token"
      ? ctx.state.tokens.lookup(token)
      : ctx.state.tokens.validate(token, workspaceId));
  if (valid) {
    return { ok: true, caller: { kind: "workspace", workspaceId } };
  }
  return { ok: false, reply: errorReply(401, PlatformMessages.workspaceAuthRequired) };
}
