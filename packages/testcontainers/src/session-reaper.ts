import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { RUNS_FROM_SOURCE } from "./kit-images/image-context.js";
import { sessionId } from "./session.js";

let started = false;

/**
 * Starts, once per process, a detached process that waits for this one to end and then removes
 * what this session created (containers, then images, found by the session label): Ryuk's job,
 * done without Ryuk's image, so it works on an engine that can pull nothing.
 */
export function startSessionReaper(): void {
  if (started) return;
  started = true;
  const main = fileURLToPath(
    new URL(`./session-reaper-main.${RUNS_FROM_SOURCE ? "ts" : "js"}`, import.meta.url),
  );
  const runner = RUNS_FROM_SOURCE
    ? [createRequire(import.meta.url).resolve("tsx/cli"), "--conditions=source", main]
    : [main];
  spawn(process.execPath, [...runner, String(process.pid), sessionId()], {
    detached: true,
    stdio: "ignore",
  }).unref();
}
