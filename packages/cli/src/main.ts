#!/usr/bin/env node
// molecule-ctk: the kit's one command line.
import { runVerifyCommand } from "@molecule-ctk/verify";

const USAGE = `Usage: molecule-ctk <command> [options]
Commands:
  verify runtime    check a runtime (image or command) against the contract
  verify platform   check a platform by URL against the contract
Options: --help, --version`;

const io = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "--help" || command === "-h") {
    io.out(USAGE);
    return 0;
  }
  if (command === "verify") return runVerifyCommand(rest, io);
  io.err(
    command === undefined ? USAGE : `[molecule-ctk] unknown command ${JSON.stringify(command)}\n\n${USAGE}`,
  );
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
