import { formatTable } from "../report/format-table.js";
import { exitCode } from "../report/verify-report.js";
import { writeReport } from "../report/write-report.js";
import { VerifyError } from "../verify-error.js";
import { PLATFORM_USAGE, parsePlatformArgs } from "./platform-options.js";
import { verifyPlatform } from "./verify-platform.js";

/** Runs `verify platform ...argv`; resolves the exit code (0 conforms, 1 does not, 2 could not verify). */
export async function runPlatformCommand(
  argv: ReadonlyArray<string>,
  io: { out: (line: string) => void; err: (line: string) => void },
): Promise<number> {
  let options: ReturnType<typeof parsePlatformArgs>;
  try {
    options = parsePlatformArgs(argv);
  } catch (error) {
    if (!(error instanceof VerifyError)) throw error;
    io.err(`${error.message}\nRun "molecule-ctk verify platform --help" for usage.`);
    return 2;
  }
  if (options === "help") {
    io.out(PLATFORM_USAGE);
    return 0;
  }
  io.out(`verify platform: ${options.baseUrl} in ${options.deployMode} mode, level ${options.level}`);
  let report: Awaited<ReturnType<typeof verifyPlatform>>;
  try {
    report = await verifyPlatform(options, {
      onResult: (result, index, total) =>
        io.out(`[${index}/${total}] ${result.status.padEnd(4)} ${result.id}`),
      warn: io.err,
    });
  } catch (error) {
    if (!(error instanceof VerifyError)) throw error;
    io.err(error.message);
    return 2;
  }
  io.out("");
  io.out(formatTable(report));
  if (options.reportDir) {
    await writeReport(options.reportDir, report);
    io.out(`report written to ${options.reportDir}/: report.json, junit.xml, report.md`);
  }
  return exitCode(report);
}
