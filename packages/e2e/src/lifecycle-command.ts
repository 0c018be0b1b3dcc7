import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { checkDockerEngine } from "@molecule-ctk/image-builder";
import type { CommandIo } from "./clean-command.js";
import SummaryReporter from "./support/summary-reporter.js";

/** The usage of `<program> lifecycle`. */
export function lifecycleUsage(program: string): string {
  return `Usage: ${program} lifecycle [--base URL --admin-token T [--platform-log FILE]] [--junit FILE]
       [--shard I/N [--blob FILE]] [FILTER ...]

Runs the lifecycle suite on real containers: the bash harness's steps (contract 12.2) and what the
harness never checks, against the embedded mock platform, or with --base against a running platform.
Needs a Docker engine. Ends with the step timing table and "tests: N passed, N failed, N skipped".

Options:
  --base URL           a running platform (the harness's BASE) instead of the embedded mock platform
  --admin-token T      its admin bearer [ADMIN_TOKEN, MOLECULE_ADMIN_TOKEN]
  --platform-log FILE  its log, for the boot-telemetry check [PLATFORM_LOG]
  --junit FILE         the JUnit report (default reports/junit.xml)
  --shard I/N          run only slice I of N of the suite's files (CI runs the N slices in parallel)
  --blob FILE          also write vitest's blob report to FILE, for "pnpm lifecycle:merge"
  FILTER               run only the test files whose path contains FILTER (e.g. lifecycle-cli)
  -h, --help           show this help`;
}

/** This package's directory: the suite runs from its sources in the monorepo, from dist/ when installed. */
const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const FROM_SOURCE = import.meta.url.endsWith(".ts");

/**
 * Runs `lifecycle ...args` and resolves the exit code: 0 when every test passed, 1 when one failed
 * or the suite could not run (no Docker engine: one line naming it, and a JUnit report recording
 * it), 2 for a bad command line.
 */
export async function runLifecycleCommand(
  args: ReadonlyArray<string>,
  options: { io: CommandIo; program?: string; env?: NodeJS.ProcessEnv },
): Promise<number> {
  const { io, program = "molecule-ctk", env = process.env } = options;
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.err(`[lifecycle] ${(error as Error).message}. Run "${program} lifecycle --help" for usage.`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(lifecycleUsage(program));
    return 0;
  }
  const junit = resolve(values.junit ?? join("reports", "junit.xml"));
  if (values.base !== undefined) {
    if (!URL.canParse(values.base) || !/^https?:$/.test(new URL(values.base).protocol)) {
      io.err(`[lifecycle] --base must be an http(s) URL, got ${JSON.stringify(values.base)}`);
      return 2;
    }
    const adminToken = values["admin-token"] ?? (env.ADMIN_TOKEN || env.MOLECULE_ADMIN_TOKEN);
    if (!adminToken) {
      io.err("[lifecycle] --base needs --admin-token T (or ADMIN_TOKEN): the platform's admin bearer");
      return 2;
    }
    Object.assign(env, { E2E_PLATFORM: "external", BASE: values.base, ADMIN_TOKEN: adminToken });
    if (values["platform-log"]) env.PLATFORM_LOG = values["platform-log"];
  }

  const shard = values.shard;
  if (shard !== undefined) {
    const match = /^(\d+)\/(\d+)$/.exec(shard);
    if (!match || Number(match[1]) < 1 || Number(match[1]) > Number(match[2])) {
      io.err(`[lifecycle] --shard must be I/N with 1 <= I <= N, got ${JSON.stringify(shard)}`);
      return 2;
    }
  }
  if (values.blob !== undefined && shard === undefined) {
    io.err("[lifecycle] --blob is for sharded runs: give --shard I/N too");
    return 2;
  }

  const engine = await checkDockerEngine();
  if (!engine.available) {
    const line = `[lifecycle] the lifecycle suite needs a Docker engine: ${engine.reason}`;
    io.err(line);
    writeFailureReport(junit, "a Docker engine answers", line);
    return 1;
  }
  return runSuite(positionals, junit, shard, values.blob);
}

async function runSuite(
  filters: string[],
  junit: string,
  shard: string | undefined,
  blob: string | undefined,
): Promise<number> {
  const { startVitest } = await import("vitest/node");
  const previousExitCode = process.exitCode;
  process.exitCode = undefined;
  const suite = FROM_SOURCE
    ? { config: join(PACKAGE_DIR, "vitest.config.ts") }
    : {
        config: false as const,
        include: ["dist/**/*.test.js"],
        globalSetup: [join(PACKAGE_DIR, "dist", "global-setup.js")],
        setupFiles: [join(PACKAGE_DIR, "dist", "worker-guard.js")],
        testTimeout: 180_000,
        hookTimeout: 180_000,
        fileParallelism: false,
      };
  const vitest = await startVitest("test", filters, {
    ...suite,
    root: PACKAGE_DIR,
    run: true,
    watch: false,
    reporters: ["default", new SummaryReporter(), "junit", ...(blob ? ["blob"] : [])],
    outputFile: { junit, ...(blob ? { blob: resolve(blob) } : {}) },
    ...(shard ? { shard } : {}),
  });
  const ran = vitest.state.getFiles().length;
  const failed = process.exitCode !== undefined && process.exitCode !== 0;
  process.exitCode = previousExitCode;
  if (ran === 0) return 1; // a filter that matched no file is not a pass
  return failed ? 1 : 0;
}

function parse(args: ReadonlyArray<string>) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      base: { type: "string" },
      "admin-token": { type: "string" },
      "platform-log": { type: "string" },
      junit: { type: "string" },
      shard: { type: "string" },
      blob: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

// A JUnit report with one failed test case, for a suite that could not start: CI shows the cause.
function writeFailureReport(file: string, name: string, message: string): void {
  const escaped = message
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    `<?xml version="1.0" encoding="UTF-8" ?>
<testsuites name="molecule-ctk lifecycle" tests="1" failures="1" errors="0" time="0">
    <testsuite name="lifecycle preflight" timestamp="${new Date().toISOString()}" hostname="" tests="1" failures="1" errors="0" skipped="0" time="0">
        <testcase classname="lifecycle preflight" name="${name}" time="0">
            <failure message="${escaped}" type="DockerEngineMissing">${escaped}</failure>
        </testcase>
    </testsuite>
</testsuites>
`,
  );
}
