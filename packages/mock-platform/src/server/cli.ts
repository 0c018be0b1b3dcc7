#!/usr/bin/env node
// The mock platform's own bin, `mock-platform serve ...` (also `pnpm mock-platform` at the root, and
// the entry of the molecule-ctk/mock-platform image). `molecule-ctk serve` runs the same command.
import { runServeCommand } from "./serve-command.js";

const io = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };
const [command, ...rest] = process.argv.slice(2);

async function main(): Promise<number> {
  if (command === "serve") return runServeCommand(rest, { io });
  if (command === "--help" || command === "-h") return runServeCommand(["--help"], { io });
  io.err(
    `[mock-platform] ${command === undefined ? "missing command: serve" : `unknown command ${JSON.stringify(command)}`}. ` +
      'Run "mock-platform serve --help" for usage.',
  );
  return 2;
}

process.exit(await main());
