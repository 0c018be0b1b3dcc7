import { describe, expect, it } from "vitest";
import { MAX_REVOKED_TOKENS_PER_WORKSPACE, TokenStore } from "./token-store.js";

describe("TokenStore", () => {
  it("keeps at most MAX_REVOKED_TOKENS_PER_WORKSPACE revoked records of a workspace, the newest", () => {
    const tokens = new TokenStore(() => false);
    const minted: number[] = [];
    for (let i = 0; i < MAX_REVOKED_TOKENS_PER_WORKSPACE + 10; i++) {
      tokens.revoke("w", "instance");
      minted.push(tokens.mint("w", "instance").record.seq);
    }
    const kept = tokens.all().filter((r) => r.workspaceId === "w");
    expect(kept.filter((r) => r.revokedAt !== null)).toHaveLength(MAX_REVOKED_TOKENS_PER_WORKSPACE);
    expect(kept.map((r) => r.seq)).toEqual(minted.slice(-(MAX_REVOKED_TOKENS_PER_WORKSPACE + 1)));
    expect(tokens.live("w", "instance").map((r) => r.seq)).toEqual([minted.at(-1)]);
  });

  it("prunes revoked records revoked one at a time too, never a live one", () => {
    const tokens = new TokenStore(() => false);
    const live = tokens.mint("w", "api");
    for (let i = 0; i < MAX_REVOKED_TOKENS_PER_WORKSPACE + 5; i++)
      tokens.revokeOne(tokens.mint("w", "api").record);
    expect(tokens.all().filter((r) => r.revokedAt !== null)).toHaveLength(MAX_REVOKED_TOKENS_PER_WORKSPACE);
    expect(tokens.validate(live.token, "w")).toBeDefined();
  });

  it("refuses a pruned token as it refuses an unknown one", () => {
    const tokens = new TokenStore(() => false);
    const first = tokens.mint("w", "instance").token;
    for (let i = 0; i < MAX_REVOKED_TOKENS_PER_WORKSPACE + 1; i++) {
      tokens.revoke("w", "instance");
      tokens.mint("w", "instance");
    }
    expect(tokens.lookup(first)).toBeUndefined();
  });

  it("forgets every record of a workspace", () => {
    const tokens = new TokenStore(() => false);
    const { token } = tokens.mint("w", "instance");
    tokens.mint("other", "instance");
    tokens.forget("w");
    expect(tokens.lookup(token)).toBeUndefined();
    expect(tokens.all().map((r) => r.workspaceId)).toEqual(["other"]);
  });
});
