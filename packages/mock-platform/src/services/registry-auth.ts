import { bearerToken, PlatformMessages, RegistryUnavailableBody } from "@molecule-ctk/contract";
import type { PlatformContext } from "../context/platform-context.js";
import { errorReply, type HttpReply, reply } from "../http/http-reply.js";
import type { TokenRecord } from "../state/token-store.js";
import type { WorkspaceRecord } from "../state/workspace-record.js";

/** Outcome of the registry token gate: passed (and how), or the 401 to answer. */
export type RegistryAuthResult =
  | { ok: true; bootstrap: boolean; liveInstanceTokensBefore: number; token?: TokenRecord }
  | { ok: false; reply: HttpReply };

/**
 * The C18 hijack guard `requireWorkspaceToken` of `/registry/*` (contract 4.2): bootstrap while the
 * workspace has no live instance token; otherwise a `Bearer` token valid for the id (any kind). The
 * admin token is not a workspace token, so it fails here. A failed bearer triggers a recount of live
 * instance tokens (core#2611): zero now means a concurrent provision revoked it, and it passes.
 * A simulated database error fails open, or 503 under `registryTokenCheckFailClosed`.
 */
export function requireWorkspaceToken(
  ctx: PlatformContext,
  authorization: string | null,
  workspaceId: string,
): RegistryAuthResult {
  const { tokens } = ctx.state;
  if (ctx.state.tokenCheckFailures > 0) {
    ctx.state.tokenCheckFailures--;
    if (!ctx.options.registryTokenCheckFailClosed)
      return { ok: true, bootstrap: true, liveInstanceTokensBefore: 0 };
    const body = {
      error: PlatformMessages.cannotVerifyCredentials,
      detail: PlatformMessages.cannotVerifyCredentialsDetail,
    };
    return { ok: false, reply: reply(RegistryUnavailableBody, 503, body) };
  }
  const { mutant } = ctx.options;
  const liveBefore = tokens.live(workspaceId, "instance").length;
  if (liveBefore === 0) return { ok: true, bootstrap: true, liveInstanceTokensBefore: 0 };
  if (mutant === "no-c18-guard") return { ok: true, bootstrap: false, liveInstanceTokensBefore: liveBefore };
  // The mutant "wrong-401-bodies" swaps the two bodies.
  const [missing, invalid] =
    mutant === "wrong-401-bodies"
      ? [PlatformMessages.invalidWorkspaceToken, PlatformMessages.missingWorkspaceToken]
      : [PlatformMessages.missingWorkspaceToken, PlatformMessages.invalidWorkspaceToken];
  const token = bearerToken(authorization);
  if (token === undefined) return { ok: false, reply: errorReply(401, missing) };
  if (mutant === "admin-token-on-registry" && token === ctx.options.adminToken) {
    return { ok: true, bootstrap: false, liveInstanceTokensBefore: liveBefore };
  }
  const record =
    mutant === "cross-workspace-token" ? tokens.lookup(token) : tokens.validate(token, workspaceId);
  if (record) return { ok: true, bootstrap: false, liveInstanceTokensBefore: liveBefore, token: record };
  if (tokens.live(workspaceId, "instance").length === 0) {
    return { ok: true, bootstrap: true, liveInstanceTokensBefore: 0 };
  }
  return { ok: false, reply: errorReply(401, invalid) };
}

/** Whether a call authenticated with `token` may lift the row out of `provisioning` (see provisionGate). */
export function liftsProvisioning(row: WorkspaceRecord, token: TokenRecord | undefined): boolean {
  return row.provisionGate === null || (token !== undefined && token.seq > row.provisionGate);
}
