// The mutant run of `verify runtime`: the kit's stub with each STUB_DEFECT must fail the check that
// names that defect, and the clean stub must pass every check. A defect no check catches is a check
// that is missing.
import { isStubDefect, STUB_DEFECTS, type StubDefect } from "@molecule-ctk/stub-runtime";

export { isStubDefect, type StubDefect };

import { type RuntimeCheckId, type RuntimeVerifyReport, verifyRuntime } from "../src/index.js";
import { FAST_STUB_ENV } from "./kit-stub.js";

/** The check that catches each defect (others may fail too). */
export const MUTANT_CATCHERS: Readonly<Record<StubDefect, RuntimeCheckId>> = {
  "cache-first-token": "token.rotation-in-place",
  "register-without-bearer": "register.bearer",
  "bearer-without-token": "register.bootstrap-no-bearer",
  "ignore-issued-token": "register.bootstrap-token",
  "register-without-card": "register.body",
  "card-without-name": "register.body-ssot",
  "register-8000": "register.url",
  "short-workspace-id": "status.online",
  "no-heartbeat": "heartbeat.first",
  "slow-first-beat": "heartbeat.first",
  "slow-beats": "heartbeat.cadence",
  "float-uptime": "heartbeat.body",
  "heartbeat-extra-field": "heartbeat.body-ssot",
  "heartbeat-without-bearer": "heartbeat.bearer",
  "stop-after-401": "token.401-reregister",
  "stop-on-network-error": "platform.restart",
  "listen-after-register": "boot.listens-before-register",
  "exit-if-platform-down": "boot.platform-unreachable",
  "crash-on-reused-volume": "token.reprovision",
  "ignore-sigterm": "shutdown.sigterm",
  "parts-type": "a2a.parts-kind",
  "drop-request-id": "a2a.id-preserved",
  "role-user": "a2a.role-agent",
  "reply-plain-text": "a2a.message-send",
  "canned-non-json": "jsonrpc.parse-error",
  "no-request-validation": "jsonrpc.invalid-request",
  "unknown-method-result": "jsonrpc.method-not-found",
  "no-params-validation": "jsonrpc.invalid-params",
  "invalid-agent-card": "a2a.agent-card",
};

/** One run of the mutant matrix: the clean stub, or the stub with one defect. */
export interface MutantResult {
  defect: StubDefect | undefined;
  /** The checks that failed. */
  failed: string[];
  /** Clean: every check passed. A mutant: its catcher failed. */
  ok: boolean;
  seconds: number;
  report: RuntimeVerifyReport;
}

/** How to run the stub: a host command, or an image (STUB_DEFECT then goes in as a workspace secret). */
export type MutantSubject = { command: string } | { image: string };

/** Runs the clean stub (unless `clean: false`) and each defect (`defects`, default all), `concurrency` at once. */
export async function runRuntimeMutants(options: {
  subject: MutantSubject;
  defects?: ReadonlyArray<StubDefect>;
  clean?: boolean;
  concurrency?: number;
  signal?: AbortSignal;
  onResult?: (result: MutantResult) => void;
}): Promise<MutantResult[]> {
  const defects: Array<StubDefect | undefined> = [
    undefined,
    ...(options.defects ?? (Object.keys(STUB_DEFECTS) as StubDefect[])),
  ];
  const results: Array<MutantResult | undefined> = defects.map(() => undefined);
  let next = 0;
  let reported = 0;
  const worker = async () => {
    while (next < defects.length) {
      const index = next++;
      results[index] = await runOne(options.subject, defects[index], options.signal);
      // Reported in the matrix's order, whichever finishes first.
      while (reported < results.length && results[reported]) options.onResult?.(results[reported++]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 3) }, worker));
  return results as MutantResult[];
}

async function runOne(
  subject: MutantSubject,
  defect: StubDefect | undefined,
  signal?: AbortSignal,
): Promise<MutantResult> {
  const started = performance.now();
  const report = await verifyRuntime({
    subject,
    beatSeconds: 1,
    bootSeconds: "image" in subject ? 20 : 10,
    level: "SHOULD",
    env: { ...FAST_STUB_ENV, ...(defect === undefined ? {} : { STUB_DEFECT: defect }) },
    ...(signal ? { signal } : {}),
    ...(process.env.VERIFY_TRACE
      ? { progress: (line: string) => process.stderr.write(`${defect ?? "clean"}: ${line}\n`) }
      : {}),
  });
  const failed = report.checks.filter((check) => check.status === "fail").map((check) => check.id);
  const skipped = report.checks.some((check) => check.status === "skip");
  const ok =
    defect === undefined ? failed.length === 0 && !skipped : failed.includes(MUTANT_CATCHERS[defect]);
  return { defect, failed, ok, seconds: (performance.now() - started) / 1000, report };
}

/** One line per run, as `pnpm mutants runtime` prints it. */
export function formatMutantLine(result: MutantResult): string {
  const time = `${result.seconds.toFixed(1)} s`;
  if (result.defect === undefined) {
    const problems = result.report.checks
      .filter((check) => check.status !== "pass")
      .map((check) => `${check.id} ${check.status}`);
    return result.ok
      ? `clean stub: every check passed (${time})`
      : `clean stub: FAILS ${problems.join(", ")} (${time})`;
  }
  const catcher = MUTANT_CATCHERS[result.defect];
  const others = result.failed.filter((id) => id !== catcher);
  const also = others.length > 0 ? ` (also ${others.join(", ")})` : "";
  return result.ok
    ? `mutant ${result.defect}: caught by ${catcher}${also} (${time})`
    : `mutant ${result.defect}: NOT caught by ${catcher}; failed: ${result.failed.join(", ") || "nothing"} (${time})`;
}

/** The last line: `runtime mutants: N/M caught`. */
export function formatMutantSummary(results: ReadonlyArray<MutantResult>): string {
  const mutants = results.filter((result) => result.defect !== undefined);
  return `runtime mutants: ${mutants.filter((result) => result.ok).length}/${mutants.length} caught`;
}
