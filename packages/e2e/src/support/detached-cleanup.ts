import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/**
 * Starts the run's cleanup (`cli-clean --run <id>`) as a detached process that outlives this one:
 * on a signal or a lost parent there is no time for an async cleanup before the process goes. It
 * sweeps twice, 2 s apart, to catch what the dying run was still creating. From the monorepo it
 * runs the TypeScript source through tsx; from an installed package, the built file.
 */
export function spawnDetachedCleanup(runId: string): void {
  const fromSource = import.meta.url.endsWith(".ts");
  const cli = fileURLToPath(new URL(`../cli-clean.${fromSource ? "ts" : "js"}`, import.meta.url));
  const runner = fromSource
    ? [createRequire(import.meta.url).resolve("tsx/cli"), "--conditions=source", cli]
    : [cli];
  spawn(process.execPath, [...runner, "--run", runId, "--settle-ms", "2000"], {
    detached: true,
    stdio: "ignore",
  }).unref();
}
