import { createHash, randomBytes, randomUUID } from "node:crypto";

/** `'instance'` tokens are held by the runtime, `'api'` tokens by callers (core#1644). */
export type TokenKind = "instance" | "api";

/** A `workspace_auth_tokens` row: only the sha256 and an 8-char prefix of the plaintext are kept (contract 3.1). */
export interface TokenRecord {
  id: string;
  workspaceId: string;
  tokenHash: string;
  prefix: string;
  kind: TokenKind;
  /** Mint order, increasing across the store. */
  seq: number;
  createdAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Revoked records kept per workspace; past it the oldest revoked go (a revoked token is refused as an
 * unknown one is, so forgetting it changes no answer, only what `GET /__mock/state` lists).
 */
export const MAX_REVOKED_TOKENS_PER_WORKSPACE = 16;

/**
 * The `workspace_auth_tokens` table. Plaintext leaves {@link mint} once and is never stored. Live
 * tokens are bounded by their minters (one instance token, at most 50 api tokens per workspace);
 * revoked ones by {@link MAX_REVOKED_TOKENS_PER_WORKSPACE}.
 */
export class TokenStore {
  readonly #byHash = new Map<string, TokenRecord>();
  readonly #byWorkspace = new Map<string, TokenRecord[]>();
  #seq = 0;

  constructor(private readonly isRemoved: (workspaceId: string) => boolean) {}

  /** Mints a token (32 random bytes, base64url, 43 chars) and returns the plaintext with its record. */
  mint(workspaceId: string, kind: TokenKind): { token: string; record: TokenRecord } {
    const token = randomBytes(32).toString("base64url");
    const record: TokenRecord = {
      id: randomUUID(),
      workspaceId,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 8),
      kind,
      seq: ++this.#seq,
      createdAt: Date.now(),
      revokedAt: null,
      lastUsedAt: null,
    };
    this.#byHash.set(record.tokenHash, record);
    const list = this.#byWorkspace.get(workspaceId);
    if (list) list.push(record);
    else this.#byWorkspace.set(workspaceId, [record]);
    return { token, record };
  }

  /** The sequence number of the latest token minted (0 before any). */
  get lastSeq(): number {
    return this.#seq;
  }

  /** The live record of a token (hash matches, not revoked, workspace not removed), or undefined. */
  lookup(token: string): TokenRecord | undefined {
    const record = this.#byHash.get(hashToken(token));
    if (!record || record.revokedAt !== null || this.isRemoved(record.workspaceId)) return undefined;
    return record;
  }

  /** Whether `token` is valid for `workspaceId` (any kind); a success bumps `last_used_at`. */
  validate(token: string, workspaceId: string): TokenRecord | undefined {
    const record = this.lookup(token);
    if (!record || record.workspaceId !== workspaceId) return undefined;
    record.lastUsedAt = Date.now();
    return record;
  }

  live(workspaceId: string, kind?: TokenKind): TokenRecord[] {
    if (this.isRemoved(workspaceId)) return [];
    return (this.#byWorkspace.get(workspaceId) ?? []).filter(
      (r) => r.revokedAt === null && (kind === undefined || r.kind === kind),
    );
  }

  /** Revokes the live tokens of a workspace (of one kind, or all); returns how many. */
  revoke(workspaceId: string, kind?: TokenKind): number {
    const now = Date.now();
    let count = 0;
    for (const record of this.#byWorkspace.get(workspaceId) ?? []) {
      if (record.revokedAt !== null) continue;
      if (kind !== undefined && record.kind !== kind) continue;
      record.revokedAt = now;
      count++;
    }
    if (count > 0) this.#pruneRevoked(workspaceId);
    return count;
  }

  /** Revokes one live token. */
  revokeOne(record: TokenRecord): void {
    if (record.revokedAt !== null) return;
    record.revokedAt = Date.now();
    this.#pruneRevoked(record.workspaceId);
  }

  /** Forgets every record of a workspace (its row is gone for good). */
  forget(workspaceId: string): void {
    for (const record of this.#byWorkspace.get(workspaceId) ?? []) this.#byHash.delete(record.tokenHash);
    this.#byWorkspace.delete(workspaceId);
  }

  #pruneRevoked(workspaceId: string): void {
    const list = this.#byWorkspace.get(workspaceId) ?? [];
    let excess = list.filter((r) => r.revokedAt !== null).length - MAX_REVOKED_TOKENS_PER_WORKSPACE;
    if (excess <= 0) return;
    const kept = list.filter((record) => {
      if (excess <= 0 || record.revokedAt === null) return true;
      excess--;
      this.#byHash.delete(record.tokenHash);
      return false;
    });
    this.#byWorkspace.set(workspaceId, kept);
  }

  all(): TokenRecord[] {
    return [...this.#byHash.values()];
  }

  clear(): void {
    this.#byHash.clear();
    this.#byWorkspace.clear();
  }
}
