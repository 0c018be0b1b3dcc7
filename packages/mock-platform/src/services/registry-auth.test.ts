import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import type { PlatformContext } from "../context/platform-context.js";
import { createMockPlatform } from "../create-mock-platform.js";
import { requireWorkspaceToken } from "./registry-auth.js";

function context(): PlatformContext {
  const platform = createMockPlatform({ adminToken: "admin" });
  void platform.close(); // stops its timers; the state stays usable
  return { state: platform.state, options: platform.options } as PlatformContext;
}

describe("requireWorkspaceToken", () => {
  it("passes as bootstrap while no instance token is live", () => {
    const ctx = context();
    expect(requireWorkspaceToken(ctx, null, randomUUID())).toMatchObject({ ok: true, bootstrap: true });
  });

  it("passes a bearer valid for the id and reports the live count before the call and the token", () => {
    const ctx = context();
    const id = randomUUID();
    const { token, record } = ctx.state.tokens.mint(id, "instance");
    expect(requireWorkspaceToken(ctx, `Bearer ${token}`, id)).toEqual({
      ok: true,
      bootstrap: false,
      liveInstanceTokensBefore: 1,
      token: record,
    });
  });

  it("lets a failed bearer through when the recount finds no live instance token (core#2611)", () => {
    const ctx = context();
    const id = randomUUID();
    ctx.state.tokens.mint(id, "instance");
    const live = vi.spyOn(ctx.state.tokens, "live");
    live.mockReturnValueOnce([{} as never]).mockReturnValueOnce([]);
    expect(requireWorkspaceToken(ctx, `Bearer ${"z".repeat(43)}`, id)).toMatchObject({
      ok: true,
      bootstrap: true,
    });
    expect(live).toHaveBeenCalledTimes(2);
  });

  it("rejects a failed bearer when the recount still finds a live instance token", () => {
    const ctx = context();
    const id = randomUUID();
    ctx.state.tokens.mint(id, "instance");
    const result = requireWorkspaceToken(ctx, `Bearer ${"z".repeat(43)}`, id);
    expect(result.ok ? undefined : result.reply).toEqual({
      status: 401,
      body: { error: "invalid workspace auth token" },
    });
  });

  it("never accepts a revoked token or a token of a removed workspace", () => {
    const ctx = context();
    const id = randomUUID();
    const old = ctx.state.tokens.mint(id, "instance").token;
    ctx.state.tokens.revoke(id, "instance");
    ctx.state.tokens.mint(id, "instance");
    expect(requireWorkspaceToken(ctx, `Bearer ${old}`, id).ok).toBe(false);
    expect(ctx.state.tokens.validate(old, id)).toBeUndefined();
  });
});

describe("a failing token check (contract 4.2)", () => {
  it("fails open by default", () => {
    const ctx = context();
    const id = randomUUID();
    ctx.state.tokens.mint(id, "instance");
    ctx.state.tokenCheckFailures = 1;
    expect(requireWorkspaceToken(ctx, null, id).ok).toBe(true);
    expect(requireWorkspaceToken(ctx, null, id).ok).toBe(false);
  });

  it("answers 503 cannot verify workspace credentials when failing closed", () => {
    const platform = createMockPlatform({ registryTokenCheckFailClosed: true });
    void platform.close();
    const ctx = { state: platform.state, options: platform.options } as PlatformContext;
    platform.control.failTokenChecks(1);
    const result = requireWorkspaceToken(ctx, null, randomUUID());
    expect(result.ok ? undefined : result.reply).toEqual({
      status: 503,
      body: {
        error: "cannot verify workspace credentials",
        detail: "Token existence check failed. This is retryable.",
      },
    });
  });
});
