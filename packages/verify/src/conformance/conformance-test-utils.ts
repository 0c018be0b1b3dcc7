import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";

/** The temp config directories a `--command` run left behind (they are named after its run id). */
export function leftConfigDirs(runId: string): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith(`molecule-ctk-${runId}-`));
}

/** The pids of live processes whose command line contains `needle` (a bundle path unique to a test). */
export function processesRunning(needle: string): number[] {
  const pids: number[] = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const state = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0];
      if (state === "Z") continue;
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(needle)) pids.push(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Collects what a command prints. */
export function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
}

const REPO = fileURLToPath(new URL("../../../../", import.meta.url));

/** What a kit command run as a child process printed, and how it ended. */
export interface KitRun {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

/**
 * Runs a script of this checkout (`packages/cli/src/main.ts`, `scripts/mutants.ts`) as users run
 * it, in a child process of its own (from source, as `pnpm ctk` does). Past `timeoutMs` it gets
 * SIGINT (its cleanup runs), and SIGKILL 15 s later.
 */
export function runKit(script: string, args: ReadonlyArray<string>, timeoutMs: number): Promise<KitRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", script, ...args], {
    cwd: REPO,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-64 * 1024);
  });
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  const interrupt = setTimeout(() => signal("SIGINT"), timeoutMs);
  const kill = setTimeout(() => signal("SIGKILL"), timeoutMs + 15_000);
  return new Promise((resolve) => {
    child.once("close", (code) => {
      clearTimeout(interrupt);
      clearTimeout(kill);
      resolve({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 });
    });
  });
}
