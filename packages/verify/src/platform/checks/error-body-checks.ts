import { randomUUID } from "node:crypto";
import { PlatformMessages as M, type PlatformResponse } from "@molecule-ctk/contract";
import { registerBody } from "../check-context.js";
import { Findings, type PlatformCheck, seen } from "../platform-check.js";
import { TOKEN_CAP_ANSWER } from "./token-checks.js";

/** The exact answer `{"error": error}`, or a note of what came instead. */
function exact(
  what: string,
  answer: PlatformResponse | undefined,
  status: number,
  error: string,
): string | undefined {
  if (!answer) return undefined; // not observed in this run (--only)
  const body = answer.body as { error?: unknown } | undefined;
  return answer.status === status && body?.error === error
    ? undefined
    : `${what} answered ${seen(answer)}, upstream answers ${status} "${error}"`;
}

const upstreamBodies: PlatformCheck = {
  id: "errors.upstream-bodies",
  level: "SHOULD",
  section: "contract 2.3, 3.2, 9",
  rule: "The error strings upstream's handler tests pin where the contract quotes none: AdminAuth and WorkspaceAuth 401s, the push register without URL, validateAgentURL's range labels, the token cap's 429 and the removed workspace's 410.",
  fix: "use upstream's strings: admin auth required / invalid admin auth token, missing / invalid workspace auth token, url is required for push-mode workspaces, url targets a blocked address: <label>, maximum 50 active tokens per workspace, workspace removed",
  async run(ctx) {
    const f = new Findings();
    const a = await ctx.runtime();
    const b = await ctx.runtime();
    const admin = (token?: string) => ctx.client.request("GET", "/workspaces", token ? { token } : {});
    const workspace = (token?: string) =>
      ctx.client.request("POST", `/workspaces/${b.id}/restart`, { json: {}, ...(token ? { token } : {}) });
    const register = async (url: string | undefined) => {
      const id = randomUUID();
      ctx.track(id);
      return ctx.client.register(registerBody(id, url));
    };
    const deleted = await ctx.runtime();
    await ctx.client.deleteWorkspace(deleted.id, (await ctx.row(deleted.id))?.name ?? deleted.id);
    const strict = ctx.options.deployMode !== "saas";
    const found = [
      exact("AdminAuth without a bearer", await admin(), 401, "admin auth required"),
      exact("AdminAuth with a workspace token", await admin(a.token), 401, "invalid admin auth token"),
      exact("WorkspaceAuth without a bearer", await workspace(), 401, M.missingWorkspaceToken),
      exact(
        "WorkspaceAuth with another workspace's token",
        await workspace(a.token),
        401,
        M.invalidWorkspaceToken,
      ),
      exact(
        "a push register without a URL",
        await register(undefined),
        400,
        "url is required for push-mode workspaces",
      ),
      exact(
        "a register at 169.254.169.254",
        await register("http://169.254.169.254:1/"),
        400,
        "url targets a blocked address: link-local address (cloud metadata endpoint)",
      ),
      strict
        ? exact(
            "a register at 10.0.0.1",
            await register("http://10.0.0.1:1/"),
            400,
            "url targets a blocked address: RFC-1918 private address",
          )
        : undefined,
      exact(
        "the token cap",
        ctx.shared.get(TOKEN_CAP_ANSWER) as PlatformResponse | undefined,
        429,
        "maximum 50 active tokens per workspace",
      ),
      exact(
        "GET of a removed workspace",
        await ctx.client.request("GET", `/workspaces/${deleted.id}`, { token: ctx.adminToken }),
        410,
        "workspace removed",
      ),
    ];
    for (const problem of found) if (problem) f.problems.push(problem);
    return f.outcome(this, "every pinned error string matches upstream's");
  },
};

/** Upstream's exact error strings where the contract quotes none. */
export const ERROR_BODY_CHECKS: ReadonlyArray<PlatformCheck> = [upstreamBodies];
