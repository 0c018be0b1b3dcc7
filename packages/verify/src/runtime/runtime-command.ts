// `verify runtime ...`: checks a runtime (an image or a host command) against the contract.
import { formatTable } from "../report/format-table.js";
import { verdict } from "../report/verify-report.js";
import { writeReport } from "../report/write-report.js";
import { VerifyUsageError } from "../verify-error.js";
import { parseRuntimeArgs, RUNTIME_USAGE } from "./runtime-args.js";
import { verifyRuntime } from "./verify-runtime.js";

/** Runs `verify runtime ...argv`; resolves the exit code (0 conforms, 1 does not, 2 usage, 130 interrupted). */
export async function runRuntimeCommand(
  argv: ReadonlyArray<string>,
  io: { out: (line: string) => void; err: (line: string) => void },
): Promise<number> {
  let args: ReturnType<typeof parseRuntimeArgs>;
  try {
    args = parseRuntimeArgs(argv);
  } catch (error) {
    if (!(error instanceof VerifyUsageError)) throw error;
    io.err(error.message);
    return 2;
  }
  if (args.help) {
    io.out(RUNTIME_USAGE);
    return 0;
  }
  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (abort.signal.aborted) return;
    io.err(`[verify] ${signal}: stopping the runtime and removing what the run made`);
    abort.abort(new Error(`interrupted by ${signal}`));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const report = await verifyRuntime({
      ...args.run,
      signal: abort.signal,
      progress: (line) => io.err(`[verify] ${line}`),
    });
    io.out(formatTable(report));
    if (args.reportDir !== undefined) {
      for (const file of await writeReport(args.reportDir, report)) io.err(`[verify] wrote ${file}`);
    }
    return verdict(report) === "conforms" ? 0 : 1;
  } catch (error) {
    if (abort.signal.aborted) return 130;
    if (error instanceof VerifyUsageError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
