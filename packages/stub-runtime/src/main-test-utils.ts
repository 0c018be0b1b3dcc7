import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));

/** A stub runtime started as a child process with `node --import tsx --conditions=source src/main.ts`. */
export interface StubProcess {
  readonly child: ChildProcess;
  readonly stdout: string[];
  readonly stderr: string[];
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** Resolves with the first stdout line matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

/** Spawns main.ts with exactly `env` (plus PATH); it is SIGKILLed after `killAfterMs` if still running. */
export function spawnStub(env: Record<string, string>, killAfterMs = 20_000): StubProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=source", "src/main.ts"], {
    cwd: PACKAGE_DIR,
    env: { PATH: process.env["PATH"] ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const listeners = new Set<() => void>();
  collectLines(child.stdout, stdout, () => {
    for (const listener of listeners) listener();
  });
  collectLines(child.stderr, stderr, () => {});
  const killer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
  const exited = once(child, "exit").then(([code]) => {
    clearTimeout(killer);
    return code as number | null;
  });
  return {
    child,
    stdout,
    stderr,
    exited,
    waitForLine(pattern, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          for (const line of stdout) {
            const match = line.match(pattern);
            if (match) {
              listeners.delete(check);
              clearTimeout(timer);
              resolve(match);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(
            new Error(
              `[test] no stdout line matching ${pattern}; stdout:\n${stdout.join("\n")}\nstderr:\n${stderr.join("\n")}`,
            ),
          );
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
  };
}

function collectLines(stream: NodeJS.ReadableStream | null, lines: string[], onLine: () => void) {
  let rest = "";
  stream?.setEncoding("utf8");
  stream?.on("data", (chunk: string) => {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop() ?? "";
    lines.push(...parts);
    onLine();
  });
  stream?.on("end", () => {
    if (rest !== "") lines.push(rest);
    onLine();
  });
}
