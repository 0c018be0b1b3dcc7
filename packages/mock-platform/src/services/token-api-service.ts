import {
  PlatformMessages as M,
  TokenListResponse,
  TokenMintResponse,
  TokenRevokeResponse,
  WorkspaceId,
} from "@molecule-ctk/contract";
import type { PlatformContext } from "../context/platform-context.js";
import { errorReply, type HttpReply, reply } from "../http/http-reply.js";

/** `maxTokensPerWorkspace` of the mint routes (contract 3.2): live tokens of every kind count. */
export const MAX_TOKENS_PER_WORKSPACE = 50;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The token routes (admin_workspace_tokens.go, tokens.go; contract 3.2, 3.3): the admin mint, and the
 * user-facing mint, list and revoke under `/workspaces/:id/tokens`. Their id errors say
 * `invalid workspace id`, lower-case, unlike the workspace routes.
 */
export class TokenApiService {
  constructor(private readonly ctx: PlatformContext) {}

  /** `POST /admin/workspaces/:id/tokens`: 201 with an api-kind token; 404 missing or removed; 429 at the cap. */
  adminMint(id: string): HttpReply {
    if (!WorkspaceId.safeParse(id).success) return errorReply(400, M.invalidWorkspaceIdLower);
    const row = this.ctx.state.workspaces.get(id);
    if (!row || row.status === "removed") return errorReply(404, M.workspaceNotFound);
    return this.#mint(id);
  }

  /** `POST /workspaces/:id/tokens`: the same 201, without an existence check of its own. */
  mint(id: string): HttpReply {
    if (!WorkspaceId.safeParse(id).success) return errorReply(400, M.invalidWorkspaceIdLower);
    return this.#mint(id);
  }

  /** Live tokens of the workspace, newest first, plaintext-free; `?limit` (1..200, default 50) and `?offset`. */
  list(id: string, query: URLSearchParams): HttpReply {
    if (!WorkspaceId.safeParse(id).success) return errorReply(400, M.invalidWorkspaceIdLower);
    const limit = clampInt(query.get("limit"), 50, 1, 200);
    const offset = clampInt(query.get("offset"), 0, 0, Number.MAX_SAFE_INTEGER);
    const tokens = this.ctx.state.tokens
      .live(id)
      .sort((a, b) => b.seq - a.seq)
      .slice(offset, offset + limit)
      .map((t) => ({
        id: t.id,
        prefix: t.prefix,
        created_at: iso(t.createdAt)!,
        last_used_at: iso(t.lastUsedAt),
      }));
    return reply(TokenListResponse, 200, { tokens, count: tokens.length });
  }

  revoke(id: string, tokenId: string): HttpReply {
    if (!WorkspaceId.safeParse(id).success) return errorReply(400, M.invalidWorkspaceIdLower);
    const record = this.ctx.state.tokens.live(id).find((t) => t.id === tokenId);
    if (!record) return errorReply(404, M.tokenNotFound);
    this.ctx.state.tokens.revokeOne(record);
    return reply(TokenRevokeResponse, 200, { status: "revoked" });
  }

  #mint(id: string): HttpReply {
    const { tokens } = this.ctx.state;
    if (tokens.live(id).length >= MAX_TOKENS_PER_WORKSPACE) return errorReply(429, M.tooManyTokens);
    const { token } = tokens.mint(id, "api");
    return reply(TokenMintResponse, 201, { auth_token: token, workspace_id: id, message: M.tokenSaveNow });
  }
}

function clampInt(text: string | null, fallback: number, min: number, max: number): number {
  const n = text === null ? Number.NaN : Number(text);
  if (!Number.isInteger(n)) return fallback;
  return Math.min(max, Math.max(min, n));
}
