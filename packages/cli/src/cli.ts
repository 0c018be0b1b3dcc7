import { createRequire } from "node:module";
import type { CommandIo } from "./commands/command-io.js";

export const USAGE = `Usage: molecule-ctk <command> [options]

Commands:
  serve              serve the mock platform over HTTP
  verify runtime     check a runtime (an image or a host command) against the contract
  verify platform    check a platform by URL against the contract
  lifecycle          run the lifecycle suite on real containers (embedded mock platform, or --base URL)
  image build        build the stub-runtime and mock-platform images, no registry needed
  image harness-tag  tag the stub image as the upstream bash harness and platform resolve it
  clean              remove what dead lifecycle runs left behind, by label

Options:
  -h, --help         show this help; "molecule-ctk <command> --help" shows a command's own
  -v, --version      print the version`;

/** The version in this package's package.json (from src/ or dist/ alike). */
export function version(): string {
  return (createRequire(import.meta.url)("../package.json") as { version: string }).version;
}

// Each command is loaded only when run: --help does not load vitest, msw or dockerode.
const COMMANDS: Record<string, (args: string[], io: CommandIo) => Promise<number>> = {
  serve: async (args, io) =>
    (await import("@molecule-ctk/mock-platform")).runServeCommand(args, { io, program: "molecule-ctk" }),
  verify: async (args, io) => (await import("@molecule-ctk/verify")).runVerifyCommand(args, io),
  lifecycle: async (args, io) => (await import("@molecule-ctk/e2e")).runLifecycleCommand(args, { io }),
  image: async (args, io) => (await import("./commands/image-command.js")).runImageCommand(args, io),
  clean: async (args, io) => (await import("@molecule-ctk/e2e")).runCleanCommand(args, { io }),
};

// One line for a command line it cannot run: what was wrong and where the usage is.
function unknown(word: string): string {
  const what = word.startsWith("-") ? "option" : "command";
  return `[molecule-ctk] unknown ${what} ${JSON.stringify(word)}. Run "molecule-ctk --help" for the commands.`;
}

/** Runs `molecule-ctk ...argv`; resolves the process exit code (2 for a command line it cannot run). */
export async function runCli(argv: ReadonlyArray<string>, io: CommandIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "--help" || command === "-h" || command === "help") {
    io.out(USAGE);
    return 0;
  }
  if (command === "--version" || command === "-v") {
    io.out(version());
    return 0;
  }
  const run = command === undefined ? undefined : COMMANDS[command];
  if (!run || !Object.hasOwn(COMMANDS, command ?? "")) {
    io.err(command === undefined ? USAGE : unknown(command));
    return 2;
  }
  return run(rest, io);
}
