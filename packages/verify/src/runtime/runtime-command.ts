// `verify runtime ...`: checks a runtime (an image or a host command) against the contract.
import { access, constants, mkdir } from "node:fs/promises";
import { formatTable } from "../report/format-table.js";
import { verdict } from "../report/verify-report.js";
import { writeReport } from "../report/write-report.js";
import { VerifyError } from "../verify-error.js";
import { parseRuntimeArgs, RUNTIME_USAGE } from "./runtime-args.js";
import { verifyRuntime } from "./verify-runtime.js";

/** Runs `verify runtime ...argv`; resolves the exit code (0 conforms, 1 does not or was not fully verified, 2 the run could not be made, 130 interrupted). */
export async function runRuntimeCommand(
  argv: ReadonlyArray<string>,
  io: { out: (line: string) => void; err: (line: string) => void },
): Promise<number> {
  let args: ReturnType<typeof parseRuntimeArgs>;
  try {
    args = parseRuntimeArgs(argv);
    if (!args.help && args.reportDir !== undefined) await checkReportDir(args.reportDir);
  } catch (error) {
    io.err(oneLine(error));
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
    io.err(oneLine(error));
    return 2;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** Fails before the run, not after minutes of it, when the reports could not be written. */
async function checkReportDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new VerifyError(
      `[verify] --report ${JSON.stringify(dir)} is not a writable directory (${code}): name a directory you may write`,
    );
  }
}

/** A VerifyError's own message; anything else said in one line as what it is, a bug of the kit. */
function oneLine(error: unknown): string {
  if (error instanceof VerifyError) return error.message.replaceAll("\n", " ");
  const text = (error instanceof Error ? error.message : String(error)).replaceAll(/\s+/g, " ");
  return `[verify] the run stopped on an unexpected error (${text.slice(0, 200)}): this is a bug of molecule-ctk, please report it`;
}
