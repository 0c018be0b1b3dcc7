import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/**
 * Starts `e2e:clean --run <id>` as a detached process that outlives this one: on a signal or a lost
 * parent there is no time for an async cleanup before the process goes. It sweeps twice, 2 s apart,
 * to catch what the dying run was still creating.
 */
export function spawnDetachedCleanup(runId: string): void {
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  const cli = fileURLToPath(new URL("../cli-clean.ts", import.meta.url));
  spawn(process.execPath, [tsx, "--conditions=source", cli, "--run", runId, "--settle-ms", "2000"], {
    detached: true,
    stdio: "ignore",
  }).unref();
}
