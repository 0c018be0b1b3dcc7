import { PlatformMessages } from "@molecule-ctk/contract";
import type { PlatformContext } from "../context/platform-context.js";
import { errorReply, type HttpReply } from "../http/http-reply.js";
import type { WorkspaceCrudService } from "./workspace-crud-service.js";

// The bodies of the user-facing list and revoke routes are the mock platform's: the contract names the routes only (contract 3.2, 3.3).
const TOKEN_NOT_FOUND = PlatformMessages.tokenNotFound;

/** The user-facing token routes under `/workspaces/:id/tokens` (list and revoke; contract 3.2, 3.3). */
export class TokenApiService {
  constructor(
    private readonly ctx: PlatformContext,
    private readonly crud: WorkspaceCrudService,
  ) {}

  /** Live tokens of the workspace, plaintext-free: id, prefix, kind, timestamps. */
  list(id: string): HttpReply {
    const found = this.crud.lookup(id);
    if (!found.ok) return found.reply;
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    const tokens = this.ctx.state.tokens.live(id).map((t) => ({
      id: t.id,
      prefix: t.prefix,
      kind: t.kind,
      created_at: iso(t.createdAt),
      last_used_at: iso(t.lastUsedAt),
    }));
    return { status: 200, body: { tokens } };
  }

  revoke(id: string, tokenId: string): HttpReply {
    const found = this.crud.lookup(id);
    if (!found.ok) return found.reply;
    const record = this.ctx.state.tokens.live(id).find((t) => t.id === tokenId);
    if (!record) return errorReply(404, TOKEN_NOT_FOUND);
    record.revokedAt = Date.now();
    return { status: 200, body: { status: "revoked", id: tokenId } };
  }
}
