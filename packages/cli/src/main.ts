#!/usr/bin/env node
// molecule-ctk: the kit's one command line (`pnpm ctk ...` runs it from source in the repository).
import { runCli } from "./cli.js";

const io = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };
try {
  process.exit(await runCli(process.argv.slice(2), io));
} catch (error) {
  // Errors of the kit name their component ("[mock-platform] ..."); anything else is a bug: show it all.
  const message = error instanceof Error ? error.message : String(error);
  console.error(/^\[[\w-]+\] /.test(message) ? message : error);
  process.exit(1);
}
