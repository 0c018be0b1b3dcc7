import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import type { BenchPlatform } from "./bench-platform.js";
import { freePort, rssMiB, runLoad, waitForHealth } from "./load.js";

export interface HostContender {
  name: string;
  command: string;
  args: string[];
}

/** Start-up figures of one run, in milliseconds. */
export interface StartupRun {
  listeningMs: number;
  firstHeartbeatMs: number;
  sigtermToExitMs: number;
}

function start(
  contender: HostContender,
  port: number,
  platformUrl: string,
  workspaceId: string,
): ChildProcess {
  return spawn(contender.command, contender.args, {
    env: {
      PATH: process.env["PATH"] ?? "",
      WORKSPACE_ID: workspaceId,
      PLATFORM_URL: platformUrl,
      STUB_PORT: String(port),
      WORKSPACE_CONFIG_PATH: "/nonexistent-bench-config",
    },
    stdio: "ignore",
  });
}

async function stop(child: ChildProcess): Promise<number> {
  const t0 = performance.now();
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(killer);
  return performance.now() - t0;
}

/** Starts the contender `runs` times: spawn → /health 200, spawn → first heartbeat, SIGTERM → exit. */
export async function measureHostStartup(
  contender: HostContender,
  platform: BenchPlatform,
  platformUrl: string,
  runs: number,
): Promise<StartupRun[]> {
  const results: StartupRun[] = [];
  for (let run = 0; run < runs; run++) {
    const port = await freePort();
    const workspaceId = randomUUID();
    const t0 = performance.now();
    const child = start(contender, port, platformUrl, workspaceId);
    try {
      const listening = await waitForHealth(port);
      const beat = await platform.firstHeartbeat(workspaceId);
      results.push({
        listeningMs: listening - t0,
        firstHeartbeatMs: beat - t0,
        sigtermToExitMs: await stop(child),
      });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  }
  return results;
}

export interface LoadFigures {
  rssAfter1000MiB: number;
  rate1: number;
  rate50: number;
  failures: number;
}

/** RSS after 1,000 message/send requests, then requests per second on 1 and on 50 connections. */
export async function measureHostLoad(
  contender: HostContender,
  platformUrl: string,
  counts: { one: number; fifty: number },
): Promise<LoadFigures> {
  const port = await freePort();
  const child = start(contender, port, platformUrl, randomUUID());
  try {
    await waitForHealth(port);
    const warm = await runLoad(port, 1000, 1);
    const rssAfter1000MiB = await rssMiB(child.pid as number);
    const one = await runLoad(port, counts.one, 1);
    const fifty = await runLoad(port, counts.fifty, 50);
    return {
      rssAfter1000MiB,
      rate1: one.rate,
      rate50: fifty.rate,
      failures: warm.failures + one.failures + fifty.failures,
    };
  } finally {
    await stop(child);
  }
}
