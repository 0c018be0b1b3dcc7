import { randomUUID } from "node:crypto";
import { PlatformMessages as M, TokenMintResponse } from "@molecule-ctk/contract";
import { heartbeatBody } from "../check-context.js";
import { Findings, type PlatformCheck, seen } from "../platform-check.js";

/** `maxTokensPerWorkspace` (contract 3.2). */
const TOKEN_CAP = 50;

/** Where the token-cap check leaves the 429 body for `errors.upstream-bodies`. */
export const TOKEN_CAP_ANSWER = "token-cap-answer";

const boundToWorkspace: PlatformCheck = {
  id: "tokens.bound-to-workspace",
  level: "MUST",
  section: "contract 3.1, 7.2, 9",
  rule: "A workspace's token is refused for any other workspace: its heartbeat and update-card (401 invalid workspace auth token), secrets, restart, state and token routes (401), and an A2A self-call claiming it (401 caller ID does not match workspace auth token).",
  fix: "validate a token against the workspace id of the route or payload (workspace_auth_tokens.workspace_id = :id), not just its existence",
  async run(ctx) {
    const f = new Findings();
    const a = await ctx.runtime();
    const b = await ctx.runtime();
    const as = { token: a.token };
    f.status("A's own heartbeat with A's token", await ctx.client.heartbeat(heartbeatBody(a.id), as), 200);
    f.status(
      "POST /workspaces/A/tokens with A's token",
      await ctx.client.request("POST", `/workspaces/${a.id}/tokens`, as),
      201,
    );
    f.errorBody(
      "B's heartbeat with A's token",
      await ctx.client.heartbeat(heartbeatBody(b.id), as),
      401,
      M.invalidWorkspaceToken,
    );
    f.errorBody(
      "B's update-card with A's token",
      await ctx.client.updateCard({ workspace_id: b.id, agent_card: { name: "taken over" } }, as),
      401,
      M.invalidWorkspaceToken,
    );
    const routes = [
      ["POST", `/workspaces/${b.id}/secrets`, { key: "MOLECULE_CTK_VERIFY", value: "x" }],
      ["POST", `/workspaces/${b.id}/restart`, {}],
      ["GET", `/workspaces/${b.id}/state`, undefined],
      ["POST", `/workspaces/${b.id}/tokens`, undefined],
      ["GET", `/workspaces/${b.id}/tokens`, undefined],
    ] as const;
    for (const [method, path, json] of routes) {
      const response = await ctx.client.request(method, path, { ...as, ...(json ? { json } : {}) });
      f.status(`${method} ${path.replace(b.id, "B")} with A's token`, response, 401);
    }
    const a2a = await ctx.client.a2a(b.id, { method: "message/send", params: {} }, { ...as, callerId: b.id });
    f.errorBody("an A2A self-call on B with A's token", a2a, 401, M.callerMismatch);
    f.expect(
      ctx.agent.requestsTo(`/ws/${b.id}`).length === 0,
      "the A2A call with A's token reached B's agent",
    );
    return f.outcome(
      this,
      "A's token worked for A and was refused on B's heartbeat, update-card, secrets, restart, state, tokens and A2A",
    );
  },
};

const adminRefusesWorkspaceTokens: PlatformCheck = {
  id: "admin.refuses-workspace-tokens",
  level: "MUST",
  section: "contract 9",
  rule: "With ADMIN_TOKEN set, AdminAuth routes (list, create, delete, token mint) refuse a workspace token and no token with 401, and accept the admin token.",
  fix: "AdminAuth accepts the ADMIN_TOKEN bearer (or a session / org token) only; a workspace token passes it only while ADMIN_TOKEN is unset",
  async run(ctx) {
    const f = new Findings();
    const a = await ctx.runtime();
    const row = await ctx.row(a.id);
    const name = `molecule-ctk verify refused ${randomUUID().slice(0, 8)}`;
    const calls = [
      ["GET /workspaces", "GET", "/workspaces", {}],
      ["POST /workspaces", "POST", "/workspaces", { json: { name, external: true, runtime: "external" } }],
      ["POST /admin/workspaces/:id/tokens", "POST", `/admin/workspaces/${a.id}/tokens`, {}],
      [
        "DELETE /workspaces/:id",
        "DELETE",
        `/workspaces/${a.id}?confirm=true`,
        { headers: { "X-Confirm-Name": row?.name ?? a.id } },
      ],
    ] as const;
    for (const [what, method, path, extra] of calls) {
      const response = await ctx.client.request(method, path, { ...extra, token: a.token });
      if (response.status === 201) ctx.track(String((response.body as { id?: unknown })?.id));
      f.status(`${what} with a workspace token`, response, 401);
    }
    f.status("GET /workspaces without a token", await ctx.client.request("GET", "/workspaces"), 401);
    const listed = await ctx.client.request("GET", "/workspaces", { token: ctx.adminToken });
    f.status("GET /workspaces with the admin token", listed, 200);
    f.expect(
      (await ctx.row(a.id))?.status !== "removed",
      "a DELETE with a workspace token removed the workspace",
    );
    return f.outcome(
      this,
      "list, create, delete and mint refused a workspace token and no token (401); the admin token listed",
    );
  },
};

const mintAndCap: PlatformCheck = {
  id: "tokens.mint-and-cap",
  level: "MUST",
  section: "contract 3.2",
  rule: "POST /admin/workspaces/:id/tokens answers 201 {auth_token, workspace_id, message} with a token that works, 400 for a bad id, 404 for an unknown one, and 429 once the workspace holds 50 live tokens.",
  fix: "mint an api-kind token per call; refuse with 429 when the workspace already has maxTokensPerWorkspace (50) live tokens of any kind",
  async run(ctx) {
    const f = new Findings();
    const a = await ctx.runtime(); // one live instance token
    const mint = () =>
      ctx.client.request("POST", `/admin/workspaces/${a.id}/tokens`, { token: ctx.adminToken });
    const first = await mint();
    const parsed = TokenMintResponse.safeParse(first.body);
    if (
      f.expect(
        first.status === 201 && parsed.success && parsed.data.workspace_id === a.id,
        `the first mint answered ${seen(first)}, expected 201 {auth_token, workspace_id, message}`,
      )
    ) {
      f.status(
        "a heartbeat with the minted token",
        await ctx.client.heartbeat(heartbeatBody(a.id), { token: parsed.data!.auth_token }),
        200,
      );
    }
    let live = 2;
    let answer = await mint();
    while (answer.status === 201 && live < TOKEN_CAP + 5) {
      live++;
      answer = await mint();
    }
    ctx.shared.set(TOKEN_CAP_ANSWER, answer);
    f.expect(
      answer.status === 429 && live === TOKEN_CAP,
      answer.status === 429
        ? `the mint was refused 429 with ${live} live tokens, expected at ${TOKEN_CAP}`
        : `the mint answered ${seen(answer)} with ${live} live tokens, expected 429 at ${TOKEN_CAP}`,
    );
    const bad = await ctx.client.request("POST", "/admin/workspaces/not-a-uuid/tokens", {
      token: ctx.adminToken,
    });
    f.status("a mint for a non-UUID id", bad, 400);
    const unknown = await ctx.client.request("POST", `/admin/workspaces/${randomUUID()}/tokens`, {
      token: ctx.adminToken,
    });
    f.status("a mint for an unknown workspace", unknown, 404);
    return f.outcome(
      this,
      `201 with a working token; 429 once ${TOKEN_CAP} tokens were live; 400 bad id; 404 unknown`,
    );
  },
};

export const TOKEN_CHECKS: ReadonlyArray<PlatformCheck> = [
  boundToWorkspace,
  adminRefusesWorkspaceTokens,
  mintAndCap,
];
