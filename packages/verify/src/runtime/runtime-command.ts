// Placeholder until `verify runtime` lands: it refuses to run rather than pretend to verify anything.

/** Runs `verify runtime ...argv`; resolves the exit code. */
export async function runRuntimeCommand(
  _argv: ReadonlyArray<string>,
  io: { out: (line: string) => void; err: (line: string) => void },
): Promise<number> {
  io.err("[verify] verify runtime is not available in this build yet");
  return 2;
}
