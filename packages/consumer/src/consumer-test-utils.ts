import { type ChildProcess, spawn } from "node:child_process";

const PLAIN = { FORCE_COLOR: "0", NO_COLOR: "1" };

/**
 * The environment a user's shell would give npm: this process's, without the `npm_config_*` and
 * `pnpm_*` variables pnpm sets for its scripts (npm warns about the ones it does not know, which
 * would show up in the output the tests compare), and with plain output.
 */
function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm_config_|pnpm_)/i.test(key)),
  );
  return { ...env, ...PLAIN, ...extra };
}

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (killed after `timeoutMs`); never rejects for a non-zero exit. */
export function run(
  command: string,
  args: ReadonlyArray<string>,
  options: { cwd: string; timeoutMs?: number; env?: NodeJS.ProcessEnv },
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      // Plain output: the tests match vitest's and the CLI's text.
      env: userEnv(options.env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    // Bounded: a chatty install must not grow the test's memory without limit.
    const keep = (text: string, chunk: Buffer) => (text + chunk.toString()).slice(-1_000_000);
    child.stdout.on("data", (chunk: Buffer) => (stdout = keep(stdout, chunk)));
    child.stderr.on("data", (chunk: Buffer) => (stderr = keep(stderr, chunk)));
    const timeoutMs = options.timeoutMs ?? 120_000;
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      // Said in the output, so a failed assertion on it names the cause.
      if (killed) stderr += `\n[consumer] ${command} ${args.join(" ")}: killed after ${timeoutMs / 1000} s`;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A long-running command in its own process group, so `stop()` signals npx and what it started. */
export function startDetached(command: string, args: ReadonlyArray<string>, cwd: string) {
  const child: ChildProcess = spawn(command, [...args], {
    cwd,
    env: userEnv(),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-100_000)));
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-100_000)));
  let signal: NodeJS.Signals | null = null;
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code, by) => {
      signal = by;
      resolve(code);
    }),
  );
  return {
    output: () => ({ stdout, stderr }),
    exited,
    /** Resolves once stdout matches `pattern`; rejects if the process ends or `timeoutMs` passes first. */
    waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${pattern} in ${timeoutMs} ms: ${stdout}${stderr}`)),
          timeoutMs,
        );
        const check = () => {
          const match = pattern.exec(stdout);
          if (match) {
            clearTimeout(timer);
            resolve(match);
          }
        };
        child.stdout?.on("data", check);
        check();
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`exited with ${code} before ${pattern}: ${stdout}${stderr}`));
        });
      });
    },
    /**
     * SIGTERM to the whole group, SIGKILL after `graceMs`; resolves the exit code, or the signal
     * that ended it (npx re-raises a SIGTERM its child got, so an npx process ends "SIGTERM").
     */
    async stop(graceMs = 15_000): Promise<number | NodeJS.Signals | null> {
      if (child.exitCode !== null || child.pid === undefined) return child.exitCode ?? signal;
      process.kill(-child.pid, "SIGTERM");
      const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, "SIGKILL"), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code ?? signal;
    },
  };
}
