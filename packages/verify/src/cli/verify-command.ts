// `verify runtime ...` and `verify platform ...`: the verify part of the molecule-ctk CLI.

const SUBCOMMANDS = {
  runtime: () => import("../runtime/runtime-command.js").then((m) => m.runRuntimeCommand),
  platform: () => import("../platform/platform-command.js").then((m) => m.runPlatformCommand),
} as const;

export const VERIFY_USAGE = `Usage: molecule-ctk verify <runtime|platform> [options]
  runtime    checks a runtime (an image or a host command) against the contract
  platform   checks a platform by URL against the contract
Run "molecule-ctk verify runtime --help" or "molecule-ctk verify platform --help" for their options.`;

/** Runs `verify <subcommand> ...argv`; resolves the process exit code (0 conforms, 1 does not, 2 usage). */
export async function runVerifyCommand(
  argv: ReadonlyArray<string>,
  io: { out: (line: string) => void; err: (line: string) => void },
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    (name === undefined ? io.err : io.out)(VERIFY_USAGE);
    return name === undefined ? 2 : 0;
  }
  if (!Object.hasOwn(SUBCOMMANDS, name)) {
    io.err(`[verify] unknown subcommand ${JSON.stringify(name)}: use runtime or platform\n\n${VERIFY_USAGE}`);
    return 2;
  }
  const run = await SUBCOMMANDS[name as keyof typeof SUBCOMMANDS]();
  return run(rest, io);
}
