// Placeholder until `verify platform` lands: it refuses to run rather than pretend to verify anything.

/** Runs `verify platform ...argv`; resolves the exit code. */
export async function runPlatformCommand(
  _argv: ReadonlyArray<string>,
  io: { out: (line: string) => void; err: (line: string) => void },
): Promise<number> {
  io.err("[verify] verify platform is not available in this build yet");
  return 2;
}
