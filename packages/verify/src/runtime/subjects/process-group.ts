import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import createDebug from "debug";

const debug = createDebug("molecule-ctk:verify:runtime");
const KEPT_LINES = 200;

/** Every group this process started and has not seen end: killed if this process exits first. */
const live = new Set<number>();
let exitHook = false;

/** A shell command running in a process group of its own, so a signal reaches all of it. */
export interface ProcessGroup {
  readonly pgid: number;
  /** The shell's exit. */
  readonly exited: Promise<void>;
  /** The shell's exit code once it has exited (null while it runs, or when a signal ended it). */
  readonly exitCode: () => number | null;
  /** The last lines it printed (stdout and stderr), at most 200. */
  readonly output: string[];
}

/** Starts `command` with `/bin/sh -c` in a new process group; its output is kept (bounded) and sent to debug. */
export function spawnGroup(
  command: string,
  options: { env: NodeJS.ProcessEnv; cwd: string; label: string },
): ProcessGroup {
  if (!exitHook) {
    exitHook = true;
    process.once("exit", () => {
      for (const pgid of live) signalGroup(pgid, "SIGKILL");
    });
  }
  const child: ChildProcess = spawn("/bin/sh", ["-c", command], {
    env: options.env,
    cwd: options.cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (line === "") continue;
      debug("%s: %s", options.label, line);
      output.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
      if (output.length > KEPT_LINES) output.shift();
    }
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const pgid = child.pid ?? -1;
  if (pgid > 0) live.add(pgid);
  let exitCode: number | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", (code) => {
      exitCode = code;
      resolve();
    });
    child.once("error", (error) => {
      output.push(`cannot start: ${error.message}`);
      resolve();
    });
  });
  return { pgid, exited, output, exitCode: () => exitCode };
}

/** Whether any process of the group still runs (zombies waiting to be reaped do not count). */
export function groupAlive(pgid: number): boolean {
  if (pgid <= 0) return false;
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return signalGroup(pgid, 0); // no procfs: the kernel's answer, zombies included
  }
  for (const pid of entries) {
    try {
      // stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces or parentheses, so read after the last ")".
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pgrp) === pgid && state !== "Z" && state !== "X") return true;
    } catch {
      // the process ended while we looked
    }
  }
  live.delete(pgid);
  return false;
}

/** Sends `signal` to every process of the group; false when none is left. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  if (pgid <= 0) return false;
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    live.delete(pgid);
    return false;
  }
}

/** Resolves true once no process of the group runs, false when `timeoutMs` passed first. */
export async function waitGroupEnded(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(pgid)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}

/** SIGKILLs the group and waits (up to 5 s) until none of it runs. */
export async function killGroup(pgid: number): Promise<void> {
  signalGroup(pgid, "SIGKILL");
  await waitGroupEnded(pgid, 5_000);
}
