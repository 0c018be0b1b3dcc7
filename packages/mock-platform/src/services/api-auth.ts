import { bearerToken, PlatformMessages } from "@molecule-ctk/contract";
import type { PlatformContext } from "../context/platform-context.js";
import { errorReply, type HttpReply } from "../http/http-reply.js";
import { secretEquals } from "./secret-equals.js";

/**
 * Who passed an API auth tier. `admin` is upstream's `caller_is_admin_token`: the `ADMIN_TOKEN`
 * bearer, or AdminAuth's tier-3 fallback (any live workspace token while no `ADMIN_TOKEN` is set),
 * whose token's workspace is `workspaceId`. The approval gate holds every admin caller.
 */
export type ApiCaller = { kind: "admin"; workspaceId?: string } | { kind: "workspace"; workspaceId: string };

export type ApiAuthResult = { ok: true; caller: ApiCaller } | { ok: false; reply: HttpReply };

/**
 * AdminAuth, failing closed (middleware/wsauth_middleware.go): no bearer is 401 `admin auth
 * required`; the `ADMIN_TOKEN` bearer passes; any other bearer is 401 `invalid admin auth token`,
 * except that while no `ADMIN_TOKEN` is configured any live workspace token passes (tier 3).
 * Sessions and org tokens do not exist in the mock platform.
 */
export function adminAuth(ctx: PlatformContext, authorization: string | null): ApiAuthResult {
  const token = bearerToken(authorization);
  if (token === undefined) return { ok: false, reply: errorReply(401, PlatformMessages.adminAuthRequired) };
  const admin = ctx.options.adminToken;
  if (admin !== undefined) {
    if (secretEquals(token, admin)) return { ok: true, caller: { kind: "admin" } };
    return { ok: false, reply: errorReply(401, PlatformMessages.invalidAdminToken) };
  }
  const record = ctx.state.tokens.lookup(token);
  if (!record) return { ok: false, reply: errorReply(401, PlatformMessages.invalidAdminToken) };
  record.lastUsedAt = Date.now();
  return { ok: true, caller: { kind: "admin", workspaceId: record.workspaceId } };
}

/**
 * WorkspaceAuth (middleware/wsauth_middleware.go): the `ADMIN_TOKEN` bearer, or a live token bound
 * to `:id`. No bearer is 401 `missing workspace auth token`; any other is 401 `invalid workspace
 * auth token`.
 */
export function workspaceAuth(
  ctx: PlatformContext,
  authorization: string | null,
  workspaceId: string,
): ApiAuthResult {
  const token = bearerToken(authorization);
  if (token === undefined) {
    return { ok: false, reply: errorReply(401, PlatformMessages.missingWorkspaceToken) };
  }
  if (secretEquals(token, ctx.options.adminToken)) return { ok: true, caller: { kind: "admin" } };
  const valid =
    ctx.options.mutant === "cross-workspace-token"
      ? ctx.state.tokens.lookup(token)
      : ctx.state.tokens.validate(token, workspaceId);
  if (valid) {
    return { ok: true, caller: { kind: "workspace", workspaceId } };
  }
  return { ok: false, reply: errorReply(401, PlatformMessages.invalidWorkspaceToken) };
}

/**
 * `callerWorkspaceID` (secrets.go): the workspace of the bearer when it is a workspace token, else
 * the `X-Workspace-ID` header, else none. A secret write by that workspace to itself does not restart it.
 */
export function callerWorkspaceId(
  ctx: PlatformContext,
  authorization: string | null,
  workspaceIdHeader: string | null,
): string | undefined {
  const token = bearerToken(authorization);
  const record = token === undefined ? undefined : ctx.state.tokens.lookup(token);
  return record?.workspaceId ?? (workspaceIdHeader || undefined);
}
