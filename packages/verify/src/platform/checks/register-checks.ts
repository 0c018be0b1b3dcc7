import { randomBytes, randomUUID } from "node:crypto";
import {
  AuthToken,
  HeartbeatResponse,
  PlatformMessages as M,
  RegisterResponse,
} from "@molecule-ctk/contract";
import { heartbeatBody, registerBody } from "../check-context.js";
import { Findings, type PlatformCheck, seen } from "../platform-check.js";

const bootstrapTokenOnce: PlatformCheck = {
  id: "register.bootstrap-token-once",
  level: "MUST",
  section: "contract 4.4",
  rule: "The first register of a workspace with no live instance token answers an auth_token; later registers with that token answer none.",
  fix: "mint one instance token when no live one existed before the call, return it as auth_token, and never again while it lives",
  async run(ctx) {
    const f = new Findings();
    const id = randomUUID();
    ctx.track(id);
    const first = await ctx.client.register(registerBody(id, ctx.loopbackAgentUrl(`/ws/${id}`)));
    const parsed = RegisterResponse.safeParse(first.body);
    if (!f.expect(first.status === 200 && parsed.success, `the bootstrap register answered ${seen(first)}`)) {
      return f.outcome(this, "");
    }
    const token = parsed.data?.auth_token;
    if (
      !f.expect(AuthToken.safeParse(token).success, "the bootstrap register answered no 43-char auth_token")
    ) {
      return f.outcome(this, "");
    }
    const again = await ctx.client.register(registerBody(id, ctx.loopbackAgentUrl(`/ws/${id}`)), { token });
    if (f.status("a second register with that token", again, 200)) {
      f.expect(
        RegisterResponse.safeParse(again.body).success && !("auth_token" in (again.body as object)),
        `a second register with the live token answered another auth_token (${seen(again)})`,
      );
    }
    const beat = await ctx.client.heartbeat(heartbeatBody(id), { token });
    if (f.status("a heartbeat with the bootstrap token", beat, 200)) {
      f.expect(
        HeartbeatResponse.safeParse(beat.body).success,
        `the heartbeat 200 body ${seen(beat)} is not {status:"ok", generation}`,
      );
    }
    return f.outcome(
      this,
      "bootstrap register answered one auth_token; the next register none; the token heartbeats",
    );
  },
};

const c18Guard: PlatformCheck = {
  id: "register.c18-guard",
  level: "MUST",
  section: "contract 4.2 (#35)",
  rule: "Once a workspace has a live instance token, register, heartbeat and update-card need a Bearer token valid for that workspace: 401 missing workspace auth token without one, 401 invalid workspace auth token for any other (the admin token included), and the stored URL stays.",
  fix: "apply requireWorkspaceToken to /registry/register, /heartbeat and /update-card with the exact 401 bodies; accept only a token bound to the payload's id",
  async run(ctx) {
    const f = new Findings();
    const a = await ctx.runtime();
    const b = await ctx.runtime();
    const hijack = registerBody(a.id, ctx.loopbackAgentUrl("/hijacked"));
    const missing = [
      ["no Authorization", {}],
      ["a non-Bearer Authorization", { headers: { Authorization: `Token ${a.token}` } }],
    ] as const;
    for (const [what, options] of missing) {
      f.errorBody(
        `register with ${what}`,
        await ctx.client.register(hijack, options),
        401,
        M.missingWorkspaceToken,
      );
    }
    const invalid = [
      ["an unknown token", randomBytes(32).toString("base64url")],
      ["another workspace's token", b.token],
      ["the admin token", ctx.adminToken],
    ] as const;
    for (const [what, token] of invalid) {
      f.errorBody(
        `register with ${what}`,
        await ctx.client.register(hijack, { token }),
        401,
        M.invalidWorkspaceToken,
      );
    }
    f.errorBody(
      "heartbeat with no Authorization",
      await ctx.client.heartbeat(heartbeatBody(a.id)),
      401,
      M.missingWorkspaceToken,
    );
    f.errorBody(
      "heartbeat with another workspace's token",
      await ctx.client.heartbeat(heartbeatBody(a.id), { token: b.token }),
      401,
      M.invalidWorkspaceToken,
    );
    const card = { workspace_id: a.id, agent_card: { name: "hijacked" } };
    f.errorBody(
      "update-card with no Authorization",
      await ctx.client.updateCard(card),
      401,
      M.missingWorkspaceToken,
    );
    const row = await ctx.row(a.id);
    f.expect(
      row?.url === a.url,
      `after the refused registers the stored URL is ${JSON.stringify(row?.url)}, not ${a.url}`,
    );
    return f.outcome(
      this,
      "no, malformed, unknown, foreign and admin bearers got the exact 401s; the URL stayed",
    );
  },
};

const urlRequiredForPush: PlatformCheck = {
  id: "register.url-required-for-push",
  level: "MUST",
  section: "contract 4.1 (#2339)",
  rule: "A push-mode register (explicit or by default) without url or agent_card.url is refused 400 (url is required…); a poll-mode one is accepted without a URL.",
  fix: "in push mode fall back to agent_card.url, then refuse an empty URL with 400 url is required for push-mode workspaces; skip the URL in poll mode",
  async run(ctx) {
    const f = new Findings();
    for (const [what, mode] of [
      ["an explicit push register", "push"],
      ["a register with no delivery_mode (push by default)", undefined],
    ] as const) {
      const id = randomUUID();
      ctx.track(id);
      const body = { id, agent_card: { name: "no url" }, ...(mode ? { delivery_mode: mode } : {}) };
      const response = await ctx.client.register(body);
      const error = (response.body as { error?: unknown } | undefined)?.error;
      f.expect(
        response.status === 400 && typeof error === "string" && error.includes(M.urlRequired),
        `${what} without any URL answered ${seen(response)}, expected 400 "${M.urlRequired} …"`,
      );
      f.expect((await ctx.row(id)) === undefined, `${what} without any URL still created workspace ${id}`);
    }
    const id = randomUUID();
    ctx.track(id);
    const poll = await ctx.client.register({ id, agent_card: { name: "poll" }, delivery_mode: "poll" });
    const parsed = RegisterResponse.safeParse(poll.body);
    f.expect(
      poll.status === 200 && parsed.success && parsed.data.delivery_mode === "poll",
      `a poll-mode register without a URL answered ${seen(poll)}, expected 200 with delivery_mode poll`,
    );
    return f.outcome(
      this,
      "push without a URL refused 400 (explicit and default mode); poll without one accepted",
    );
  },
};

/** Register and its token gate (contract 4.1, 4.2, 4.4). */
export const REGISTER_CHECKS: ReadonlyArray<PlatformCheck> = [
  bootstrapTokenOnce,
  c18Guard,
  urlRequiredForPush,
];
