import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");
const cliPath = fileURLToPath(new URL("./cli.ts", import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [tsxCli, "--conditions=source", cliPath, ...args], {
    env: { ...process.env, ADMIN_TOKEN: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const line = new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", () => {
      const match = /mock-platform listening on (\S+)\n/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    void exited.then(() => reject(new Error(`exited before listening: ${stderr}`)));
  });
  line.catch(() => {}); // only the serve test awaits it
  return { child, exited, line, output: () => ({ stdout, stderr }) };
}

describe("mock-platform CLI", () => {
  it("serves on a free port, prints one line, and stops cleanly on SIGTERM", async () => {
    const cli = run(["serve", "--port", "0", "--admin-token", "T"]);
    const url = await cli.line;
    const health = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5000) });
    expect(health.status).toBe(200);
    const unauth = await fetch(`${url}/workspaces`, { signal: AbortSignal.timeout(5000) });
    expect(unauth.status).toBe(401);
    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
    expect(cli.output().stdout.trim().split("\n")).toEqual([`mock-platform listening on ${url}`]);
  }, 30_000);

  it("exits 2 with a clear message for a bad flag", async () => {
    const cli = run(["serve", "--nope"]);
    expect(await cli.exited).toBe(2);
    expect(cli.output().stderr).toMatch(/^\[mock-platform\] Unknown option '--nope'/);
    expect(cli.output().stderr).toContain('Run "mock-platform serve --help" for usage.');
  }, 30_000);

  it("prints the usage for --help", async () => {
    const cli = run(["--help"]);
    expect(await cli.exited).toBe(0);
    expect(cli.output().stdout).toContain("Usage: mock-platform serve [options]");
  }, 30_000);
});
