import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";

/** The temp config directories a `--command` run left behind (they are named after its run id). */
export function leftConfigDirs(runId: string): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith(`molecule-ctk-verify-${runId}-`));
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
