import { PlatformApiClient, PlatformUnreachableError } from "@molecule-ctk/contract";
import type { CheckResult } from "../report/check-result.js";
import type { VerifyReport } from "../report/verify-report.js";
import { VerifyError } from "../verify-error.js";
import { planAgentHost } from "./agent-host.js";
import { AgentListener } from "./agent-listener.js";
import { CheckContext } from "./check-context.js";
import type { PlatformCheck } from "./platform-check.js";
import { PLATFORM_CHECKS } from "./platform-checks.js";
import type { PlatformVerifyOptions } from "./platform-options.js";

/** Where `verifyPlatform` reports as it goes: each result when it is known, and cleanup trouble. */
export interface VerifyPlatformIo {
  onResult?: (result: CheckResult, index: number, total: number) => void;
  warn?: (line: string) => void;
}

/**
 * Runs every platform check against the platform at `options.baseUrl` and resolves the report.
 * Throws VerifyError when the platform cannot be verified at all (unreachable, admin token refused).
 */
export async function verifyPlatform(
  options: PlatformVerifyOptions,
  io: VerifyPlatformIo = {},
  checks: ReadonlyArray<PlatformCheck> = PLATFORM_CHECKS,
): Promise<VerifyReport> {
  const started_at = new Date().toISOString();
  const client = new PlatformApiClient({
    baseUrl: options.baseUrl,
    adminToken: options.adminToken,
    timeoutMs: 15_000,
  });
  await preflight(client);
  const plan = planAgentHost(options.deployMode, options.agentHost);
  const agent = await AgentListener.start(plan.bind).catch((error: Error) => {
    throw new VerifyError(
      `[verify] cannot listen on ${plan.bind.join(", ")} for the A2A checks: ${error.message}`,
      {
        cause: error,
      },
    );
  });
  const root = new CheckContext(client, options, agent, plan.dispatch);
  const selected = (check: PlatformCheck) =>
    options.only.length === 0 || options.only.some((prefix) => check.id.startsWith(prefix));
  const run = (check: PlatformCheck) => runCheck(check, root.forCheck(), io);
  try {
    const background = new Map(
      checks.filter((c) => c.background && selected(c)).map((c) => [c, run(c)] as const),
    );
    const results: CheckResult[] = [];
    for (const check of checks) {
      const result = selected(check)
        ? await (background.get(check) ?? run(check))
        : toResult(check, { status: "skip", detail: "not selected by --only" }, 0);
      results.push(result);
      io.onResult?.(result, results.length, checks.length);
    }
    return {
      kind: "platform",
      subject: `${options.baseUrl} (${options.deployMode})`,
      started_at,
      level: options.level,
      checks: results,
    };
  } finally {
    for (const problem of await root.cleanup()) io.warn?.(`[verify] could not clean up ${problem}`);
    await agent.close();
  }
}

async function runCheck(check: PlatformCheck, ctx: CheckContext, io: VerifyPlatformIo): Promise<CheckResult> {
  const started = performance.now();
  let outcome: { status: CheckResult["status"]; detail: string };
  try {
    outcome = await check.run(ctx);
  } catch (error) {
    outcome = { status: "fail", detail: `the check could not run: ${(error as Error).message}` };
  }
  for (const problem of await ctx.cleanup()) io.warn?.(`[verify] could not clean up ${problem}`);
  return toResult(check, outcome, performance.now() - started);
}

function toResult(
  check: PlatformCheck,
  outcome: Pick<CheckResult, "status" | "detail">,
  ms: number,
): CheckResult {
  return {
    id: check.id,
    level: check.level,
    status: outcome.status,
    section: check.section,
    detail: outcome.detail,
    ms: Math.round(ms),
  };
}

async function preflight(client: PlatformApiClient): Promise<void> {
  try {
    const health = await client.request("GET", "/health", { timeoutMs: 5_000 });
    if (health.status !== 200) {
      throw new VerifyError(
        `[verify] ${client.baseUrl}/health answered ${health.status}: is --base the platform?`,
      );
    }
    const list = await client.request("GET", "/workspaces", { token: client.adminToken });
    if (list.status === 401 || list.status === 403) {
      throw new VerifyError(
        `[verify] the platform refused the admin token (GET /workspaces answered ${list.status}): pass its ADMIN_TOKEN with --admin-token`,
      );
    }
  } catch (error) {
    if (error instanceof PlatformUnreachableError) {
      throw new VerifyError(`[verify] the platform at ${client.baseUrl} does not answer: ${error.message}`, {
        cause: error,
      });
    }
    throw error;
  }
}
