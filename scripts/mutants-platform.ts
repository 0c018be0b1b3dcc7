// `pnpm mutants platform`: serves the mock platform unmutated (the baselines), then once per mutant
// (`PLATFORM_MUTANTS`), runs `verify platform` against each, and prints one line per mutant and a
// last line `platform mutants: N/N caught`. A mutant is caught when a check that passes on its
// baseline fails on it. Mutants run in-process without a provisioner (fast); the one that breaks
// provisioning runs against `mock-platform serve --provisioner docker` on this machine's engine.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  APP_IMAGES,
  buildBundledImage,
  checkDockerEngine,
  createDockerClient,
  IMAGE_TAGS,
  imageExists,
} from "@molecule-ctk/image-builder";
import { PLATFORM_MUTANTS, type PlatformMutant, startMockPlatformServer } from "@molecule-ctk/mock-platform";
import { type PlatformVerifyOptions, type VerifyReport, verifyPlatform } from "@molecule-ctk/verify";

type Dockerode = ReturnType<typeof createDockerClient>;

const ADMIN = "mutants-admin";
const LIVENESS_TTL_MS = 1_000;
const PROVISIONING_CHECKS = ["restart.", "provision."];

/** The check written against each mutant's rule (any baseline-passing check that fails catches it). */
const TARGETS: Record<PlatformMutant, { check: string; docker?: true }> = {
  "no-c18-guard": { check: "register.c18-guard" },
  "token-on-every-register": { check: "register.bootstrap-token-once" },
  "no-token-rotation": { check: "restart.rotates-token", docker: true },
  "heartbeat-keeps-provisioning": { check: "heartbeat.lifts-to-online" },
  "resurrects-removed": { check: "registry.removed-stays-removed" },
  "register-unpauses": { check: "registry.paused-stays-paused" },
  "overwrites-localhost-url": { check: "registry.url-preserved" },
  "cross-workspace-token": { check: "tokens.bound-to-workspace" },
  "proxy-drops-envelope-id": { check: "a2a.keeps-envelope-id" },
  "proxy-no-wrap": { check: "a2a.wraps-bare-payload" },
  "wrong-401-bodies": { check: "register.c18-guard" },
  "liveness-never-expires": { check: "liveness.expires-to-offline" },
  "ssrf-check-off": { check: "url-safety.register-url" },
  "admin-token-on-registry": { check: "register.c18-guard" },
  "push-without-url": { check: "register.url-required-for-push" },
  "caller-prefix-allowed": { check: "a2a.caller-id-prefixes" },
};

const USAGE = `Usage: pnpm mutants platform [--only NAME]... [--jobs N] [--no-docker]
  Serves the mock platform with each mutant of PLATFORM_MUTANTS, runs verify platform against it and
  prints one line per mutant, then "platform mutants: N/N caught". --jobs runs N in-process mutants at
  once (default 2); --no-docker leaves out the mutant that needs a Docker provisioner.`;

/** Runs the suite; resolves the exit code (0 only when every observable mutant was caught). */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: "string", multiple: true },
      jobs: { type: "string", default: "2" },
      "no-docker": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const known = Object.keys(PLATFORM_MUTANTS) as PlatformMutant[];
  const unknown = (values.only ?? []).filter((name) => !known.includes(name as PlatformMutant));
  if (unknown.length > 0) {
    console.error(`[mutants] unknown platform mutant ${unknown.join(", ")}: use one of ${known.join(", ")}`);
    return 2;
  }
  const mutants = values.only ? (values.only as PlatformMutant[]) : known;
  const started = performance.now();
  console.log(`platform mutants: ${mutants.length} mutant(s) of the mock platform against verify platform`);

  const baseline = await httpRun(undefined);
  printBaseline("baseline (development, no provisioner)", baseline);
  const needsDocker = mutants.some((name) => TARGETS[name].docker) && !values["no-docker"];
  const docker = needsDocker ? await dockerSetup() : { reason: "left out (--no-docker)" };
  const dockerBaseline = "docker" in docker ? await dockerRun(docker.docker, undefined) : undefined;
  if (dockerBaseline) printBaseline("baseline (development, docker provisioner)", dockerBaseline);
  else if (needsDocker && process.env.CI) {
    console.error(`[mutants] ${"reason" in docker ? docker.reason : ""}: CI requires a Docker engine`);
    return 1;
  }

  const lines = new Map<PlatformMutant, string>();
  let observable = 0;
  let caught = 0;
  const judge = (name: PlatformMutant, report: VerifyReport, against: VerifyReport, ms: number) => {
    const passedBefore = new Set(against.checks.filter((c) => c.status === "pass").map((c) => c.id));
    const catching = report.checks
      .filter((c) => c.status === "fail" && passedBefore.has(c.id))
      .map((c) => c.id);
    observable++;
    if (catching.length > 0) caught++;
    const target = catching.includes(TARGETS[name].check)
      ? ""
      : ` (its own check ${TARGETS[name].check} did not fail)`;
    lines.set(
      name,
      catching.length > 0
        ? `caught  ${name.padEnd(28)} by ${catching.join(", ")}${target}  ${seconds(ms)}`
        : `MISSED  ${name.padEnd(28)} every check that passes on the baseline passes on it too: add the check  ${seconds(ms)}`,
    );
  };
  const unobservable = (name: PlatformMutant, against: VerifyReport | undefined, reason?: string) => {
    const target = against?.checks.find((c) => c.id === TARGETS[name].check);
    const why =
      reason ??
      (target?.status === "skip"
        ? `${target.id} is skipped on the unmutated mock: ${target.detail}`
        : undefined);
    if (why) lines.set(name, `n/a     ${name.padEnd(28)} not observable here: ${why}`);
    return why !== undefined;
  };

  const inProcess = mutants.filter((name) => !TARGETS[name].docker && !unobservable(name, baseline.report));
  await pool(inProcess, Math.max(1, Number(values.jobs) || 1), async (name) => {
    const result = await httpRun(name);
    judge(name, result.report, baseline.report, result.ms);
  });
  for (const name of mutants.filter((m) => TARGETS[m].docker)) {
    if ("docker" in docker && dockerBaseline) {
      if (unobservable(name, dockerBaseline.report)) continue;
      const result = await dockerRun(docker.docker, name);
      judge(name, result.report, dockerBaseline.report, result.ms);
    } else unobservable(name, undefined, "reason" in docker ? docker.reason : "no Docker baseline");
  }
  for (const name of mutants) console.log(lines.get(name));
  console.log(`(${seconds(performance.now() - started)} in all)`);
  console.log(`platform mutants: ${caught}/${observable} caught`);
  return caught === observable && observable > 0 ? 0 : 1;
}

interface Run {
  report: VerifyReport;
  ms: number;
}

function verifyOptions(baseUrl: string, extra: Partial<PlatformVerifyOptions> = {}): PlatformVerifyOptions {
  return {
    baseUrl,
    adminToken: ADMIN,
    deployMode: "development",
    level: "MUST",
    livenessTtlMs: LIVENESS_TTL_MS,
    onlineTimeoutMs: 90_000,
    only: [],
    ...extra,
  };
}

/** The mock platform in this process, without a provisioner, with `mutant` on (or none). */
async function httpRun(mutant: PlatformMutant | undefined): Promise<Run> {
  const started = performance.now();
  const server = await startMockPlatformServer({
    adminToken: ADMIN,
    deployMode: "development",
    livenessTtlMs: LIVENESS_TTL_MS,
    ...(mutant ? { mutant } : {}),
  });
  try {
    return { report: await verifyPlatform(verifyOptions(server.url)), ms: performance.now() - started };
  } finally {
    await server.close();
  }
}

/** This machine's Docker engine with the stub image built, or why there is none. */
async function dockerSetup(): Promise<{ docker: Dockerode } | { reason: string }> {
  const docker = createDockerClient();
  const engine = await checkDockerEngine(docker);
  if (!engine.available) return { reason: engine.reason };
  if (!(await imageExists(docker, IMAGE_TAGS["stub-runtime"]))) {
    await buildBundledImage(
      { dir: STUB_DIR, entry: "src/main.ts", bundle: APP_IMAGES["stub-runtime"].bundle },
      { tag: IMAGE_TAGS["stub-runtime"], docker },
    );
  }
  return { docker };
}

const STUB_DIR = fileURLToPath(new URL("../packages/stub-runtime", import.meta.url));
const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");
const mockCli = fileURLToPath(new URL("../packages/mock-platform/src/server/cli.ts", import.meta.url));

/**
 * `mock-platform serve --provisioner docker` as its own process (the CLI's --mutant flag), on a
 * network and label of this run's own; verify runs the provisioning checks only. Whatever the run
 * leaves on the engine is removed by its label afterwards.
 */
async function dockerRun(docker: Dockerode, mutant: PlatformMutant | undefined): Promise<Run> {
  const started = performance.now();
  const runId = `mutants-${process.pid}-${Date.now().toString(36)}`;
  const label = `molecule-ctk.verify.run=${runId}`;
  const dir = await mkdtemp(join(tmpdir(), "molecule-ctk-mutants-"));
  const log = join(dir, "platform.log");
  const args = ["serve", "--port", "0", "--provisioner", "docker", "--network", `molecule-ctk-${runId}`];
  args.push("--label", label, "--log-file", log, "--admin-token", ADMIN, "--deploy-mode", "development");
  args.push("--liveness-ttl", "60", ...(mutant ? ["--mutant", mutant] : []));
  const child = spawn(process.execPath, [tsxCli, "--conditions=source", mockCli, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = () => child.kill("SIGTERM");
  process.once("SIGINT", stop);
  try {
    const url = await listening(child);
    const options = verifyOptions(url, {
      only: PROVISIONING_CHECKS,
      platformLog: log,
      livenessTtlMs: 60_000,
    });
    return { report: await verifyPlatform(options), ms: performance.now() - started };
  } finally {
    process.off("SIGINT", stop);
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      stop();
      await exited;
    }
    const left = await removeLabelled(docker, label);
    if (left > 0)
      console.log(`[mutants] removed ${left} resource(s) the docker run left behind (label ${label})`);
    await rm(dir, { recursive: true, force: true });
  }
}

function listening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(
      () => reject(new Error(`[mutants] mock-platform serve did not start: ${stderr}`)),
      60_000,
    );
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const match = /mock-platform listening on (\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    child.once("exit", (code) =>
      reject(new Error(`[mutants] mock-platform serve exited ${code}: ${stderr}`)),
    );
  });
}

/** Removes the containers, volumes and networks carrying `label`; returns how many there were. */
async function removeLabelled(docker: Dockerode, label: string): Promise<number> {
  const filters = JSON.stringify({ label: [label] });
  const containers = await docker.listContainers({ all: true, filters });
  for (const c of containers)
    await docker
      .getContainer(c.Id)
      .remove({ force: true, v: true })
      .catch(() => {});
  const volumes = (await docker.listVolumes({ filters })).Volumes ?? [];
  for (const v of volumes)
    await docker
      .getVolume(v.Name)
      .remove()
      .catch(() => {});
  const networks = await docker.listNetworks({ filters });
  for (const n of networks)
    await docker
      .getNetwork(n.Id)
      .remove()
      .catch(() => {});
  return containers.length + volumes.length + networks.length;
}

function printBaseline(title: string, { report, ms }: Run): void {
  const by = (status: string) => report.checks.filter((c) => c.status === status);
  const failed = by("fail").map((c) => c.id);
  console.log(
    `${title}: ${by("pass").length} passed, ${failed.length} failed, ${by("skip").length} skipped  ${seconds(ms)}` +
      (failed.length > 0
        ? `\n  failing on the unmutated mock too, so no mutant is judged by them: ${failed.join(", ")}`
        : ""),
  );
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(size, queue.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
