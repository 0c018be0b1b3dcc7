// `pnpm harness:upstream --core DIR [--runs N] [--keep-logs]`: runs upstream's bash lifecycle
// harness (tests/e2e/test_local_provision_lifecycle_e2e.sh of a molecule-core checkout, contract
// 12.2) N times in sequence against `mock-platform serve`, started the way upstream CI starts its
// platform (contract 12.3): its stdout redirected to platform.log, the file the harness then reads as
// PLATFORM_LOG for the boot-telemetry check. Each run's output is kept in reports/harness/run-<i>.log.
// It ends with `harness: N runs, F failed`, the first FAIL line of each failure, and a check that
// nothing this run or its mock platform created is left on the engine.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  copyFileSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { imageArch } from "@molecule-ctk/contract";
import {
  docker,
  ensureStandInAlpine,
  removeLeftovers,
  removeStandInAlpine,
  UsageError,
} from "./upstream-harness-docker.js";
import { startHarnessPlatform, stopHarnessPlatform } from "./upstream-harness-platform.js";

const HARNESS = join("tests", "e2e", "test_local_provision_lifecycle_e2e.sh");
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RUN_LABEL = "molecule-ctk.harness.run";
const RUN_TIMEOUT_MS = 10 * 60_000;
// Knobs that would weaken or redirect the harness if they leaked in from the caller's shell.
const HARNESS_KNOBS = [
  "SKIP_BOOT_TELEMETRY_LOG_ASSERT",
  "LIFECYCLE_LLM",
  "LIFECYCLE_RUNTIME_IMAGE",
  "MOLECULE_ADMIN_TOKEN",
];
const USAGE = `Usage: pnpm harness:upstream --core DIR [--runs N] [--keep-logs]
  Runs DIR/${HARNESS} (DIR: a molecule-core checkout, or a directory holding its extracted tests/e2e) N times
  (default 1) against \`pnpm mock-platform serve ... > platform.log\` with PLATFORM_LOG=platform.log.
  Logs: reports/harness/, replaced on each invocation. --keep-logs also keeps the working directory (platform.log, manifest).`;

let args: { core: string; runs: number; keepLogs: boolean };
try {
  args = parseCommandLine();
  for (const tool of ["bash", "curl", "python3", "docker"]) {
    if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0)
      throw new UsageError(`${tool} is not on PATH: the harness needs it`);
  }
  if (!docker("info", "--format", "{{.ServerVersion}}").ok)
    throw new UsageError("no Docker engine answers: start dockerd, or set DOCKER_HOST");
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`[harness] ${error.message}`);
  process.exit(2);
}

const runId = randomBytes(4).toString("hex");
const isolation = `ctk-harness-${runId}`;
const adminToken = `harness-admin-${runId}`;
const sha12 = randomBytes(6).toString("hex"); // any sha: CACHE_TAG is pinned, so nothing asks Gitea
const arch = imageArch(process.env.MOLECULE_IMAGE_PLATFORM);
const stubTag = `molecule-ctk/stub-runtime:harness-${runId}`;
const cacheTag = `molecule-local/workspace-template-claude-code:${sha12}-${arch}--${isolation}`;
const ourImages = [
  stubTag,
  cacheTag,
  `molecule-local/workspace-template-claude-code:latest--${isolation}`,
  `molecule-local/stub-runtime:latest--${isolation}`, // the harness's own build tag, never made in this lane
];
const work = mkdtempSync(join(tmpdir(), "molecule-ctk-harness-"));
const platformLog = join(work, "platform.log");
const manifest = join(work, "owned-workspaces.txt");
const reports = join(ROOT, "reports", "harness");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

let current: ChildProcess | undefined;
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    interrupted = true;
    current?.kill("SIGTERM"); // the harness's trap deletes its workspace; cleanup below does the rest
  });
}

const started = performance.now();
const failures: string[] = [];
let completed = 0;
let madeStandIn = false;
let platform: ChildProcess | undefined;
let exitCode = 1;
try {
  madeStandIn = ensureStandInAlpine();
  if (madeStandIn) console.log("harness: made an alpine:3 stand-in from busybox (removed at the end)");
  pnpm("image", "stub-runtime", "--tag", stubTag);
  const { base, child } = await startHarnessPlatform({
    root: ROOT,
    platformLog,
    adminToken,
    network: `molecule-ctk-harness-${runId}`,
    label: `${RUN_LABEL}=${runId}`,
    env: { CACHE_TAG: cacheTag, MOLECULE_LOCAL_IMAGE_ISOLATION: isolation },
  });
  platform = child;
  console.log(
    `harness: ${args.runs} run(s) of ${HARNESS} against ${base}, isolation ${isolation}; logs in reports/harness/`,
  );
  for (let index = 1; index <= args.runs && !interrupted; index++) {
    // With an isolation token the harness's exit trap drops both harness tags: tag again each run.
    pnpm("image:harness-tag", "--sha12", sha12, "--arch", arch, "--isolation", isolation, "--image", stubTag);
    const outcome = await runHarness(index, base);
    console.log(
      `harness: run ${index}/${args.runs} ${outcome.ok ? "passed" : "FAILED"} in ${outcome.seconds.toFixed(0)} s (${outcome.results})`,
    );
    completed = index;
    if (!outcome.ok) failures.push(`run ${index}: ${outcome.firstFailure}`);
  }
  exitCode = failures.length > 0 || completed < args.runs ? 1 : 0;
} catch (error) {
  console.error(error instanceof UsageError ? `[harness] ${error.message}` : error);
  exitCode = error instanceof UsageError ? 2 : 1;
} finally {
  if (platform) await stopHarnessPlatform(platform);
  if (existsSync(platformLog)) copyFileSync(platformLog, join(reports, "platform.log"));
  for (const image of ourImages) docker("rmi", image);
  if (madeStandIn) removeStandInAlpine();
  const workspaceIds = existsSync(manifest) ? readFileSync(manifest, "utf8").split("\n").filter(Boolean) : [];
  const left = removeLeftovers({ label: `${RUN_LABEL}=${runId}`, workspaceIds, images: ourImages });
  if (!args.keepLogs) rmSync(work, { recursive: true, force: true });
  else console.log(`harness: kept the working directory ${work}`);
  const seconds = Math.round((performance.now() - started) / 1000);
  if (exitCode !== 2) {
    console.log(`harness: ${completed} runs, ${failures.length} failed`);
    if (completed < args.runs) console.log(`harness: stopped after ${completed} of ${args.runs} runs`);
    for (const failure of failures) console.log(`  ${failure}`);
    console.log(
      `harness: took ${seconds} s; ${interrupted ? "interrupted; " : ""}${left.length === 0 ? "nothing left behind" : `LEFT BEHIND (now removed): ${left.join(", ")}`}`,
    );
  }
  process.exit(left.length > 0 ? 1 : exitCode);
}

function parseCommandLine(): { core: string; runs: number; keepLogs: boolean } {
  let values: { core?: string; runs?: string; "keep-logs"?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        core: { type: "string" },
        runs: { type: "string", default: "1" },
        "keep-logs": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (pnpm harness:upstream --help)`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!values.core)
    throw new UsageError("--core DIR is required: a molecule-core checkout (pnpm harness:upstream --help)");
  const core = resolve(process.env.INIT_CWD ?? process.cwd(), values.core);
  if (!existsSync(join(core, HARNESS)))
    throw new UsageError(`${core} has no ${HARNESS}: give a molecule-core checkout as --core`);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new UsageError(`--runs must be a positive integer, got ${JSON.stringify(values.runs)}`);
  return { core, runs, keepLogs: values["keep-logs"] === true };
}

/** Runs a root script (`pnpm image ...`, `pnpm image:harness-tag ...`); throws when it fails. */
function pnpm(...command: string[]): void {
  const result = spawnSync("pnpm", ["-s", ...command], { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0)
    throw new Error(`[harness] pnpm ${command.join(" ")} failed: ${result.stderr || result.stdout}`);
}

interface Outcome {
  ok: boolean;
  seconds: number;
  results: string;
  firstFailure: string;
}

function runHarness(index: number, base: string): Promise<Outcome> {
  const runStarted = performance.now();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BASE: base,
    ADMIN_TOKEN: adminToken,
    PLATFORM_LOG: platformLog,
    CACHE_TAG: cacheTag,
    LIFECYCLE_PROVISIONER_BUILDS: "1",
    MOLECULE_LOCAL_IMAGE_ISOLATION: isolation,
    E2E_WS_MANIFEST: manifest,
    PATH: `${join(ROOT, "packages", "mock-platform", "bin")}${delimiter}${process.env.PATH ?? ""}`,
  };
  for (const knob of HARNESS_KNOBS) delete env[knob];
  const log = createWriteStream(join(reports, `run-${index}.log`));
  const child = spawn("bash", [join(args.core, HARNESS)], {
    cwd: args.core,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  current = child;
  let output = "";
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    output = (output + chunk.toString()).slice(-1_000_000); // bounded; a run prints a few KB
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const timer = setTimeout(() => child.kill("SIGTERM"), RUN_TIMEOUT_MS);
  return new Promise((done) => {
    child.on("close", (code) => {
      clearTimeout(timer);
      current = undefined;
      log.end();
      const results = /=== Results: (\d+) passed, (\d+) failed ===/.exec(output);
      const ok = code === 0 && results?.[2] === "0";
      const lines = output
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean);
      const firstFailure =
        lines.find((line) => line.startsWith("FAIL")) ??
        (interrupted ? "interrupted" : (lines.at(-1) ?? "(no output)"));
      done({
        ok,
        seconds: (performance.now() - runStarted) / 1000,
        results: results ? `${results[1]} passed, ${results[2]} failed` : `no results line, exit ${code}`,
        firstFailure: `${firstFailure.slice(0, 300)} (exit ${code})`,
      });
    });
  });
}
