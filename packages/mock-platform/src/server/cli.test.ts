import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const cliPath = fileURLToPath(new URL("./cli.ts", import.meta.url));
// The CLI runs in ONE process with tsx's loader, as its bin runs: tsx's own CLI would put a parent
// in front that relays signals, and under load a SIGTERM relayed that way ended it with 143.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm")).href;
const nodeArgs = ["--import", tsxLoader, "--conditions=source", cliPath];
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
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

/** Polls `read` until it matches `pattern` (the CLI writes its log asynchronously to the request). */
async function waitForText(read: () => string, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = read();
    if (pattern.test(text) || Date.now() > deadline) return text;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("mock-platform CLI", () => {
  it("writes the platform log on stdout, so `serve > platform.log` with PLATFORM_LOG=platform.log works as upstream CI runs it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mock-platform-cli-"));
    const logPath = join(dir, "platform.log");
    const fd = openSync(logPath, "a");
    try {
      // Upstream CI: `./platform-server > platform.log 2>&1 &`, then the harness greps $PLATFORM_LOG.
      const child = spawn(
        process.execPath,
        [...nodeArgs, "serve", "--port", "0", "--provisioner", "memory"],
        {
          env: { ...process.env, ADMIN_TOKEN: "T", PLATFORM_LOG: logPath },
          stdio: ["ignore", fd, "pipe"],
        },
      );
      children.push(child);
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      const read = () => readFileSync(logPath, "utf8");
      const url = /mock-platform listening on (\S+)\n/.exec(await waitForText(read, /listening on/))?.[1];
      expect(url).toBeDefined();
      const headers = { authorization: "Bearer T", "content-type": "application/json" };
      const created = await fetch(`${url}/workspaces`, {
        method: "POST",
        headers,
        body: JSON.stringify({ name: "Log", runtime: "claude-code", model: "claude-opus-4-7" }),
        signal: AbortSignal.timeout(5000),
      });
      const { id } = (await created.json()) as { id: string };
      const telemetry = `boot-telemetry: workspace=${id} step=1/8 key=PWR status=running`;
      const log = await waitForText(read, new RegExp(telemetry));
      // The harness's grep -F, and Go's log prefix (date and time) before it, exactly once.
      expect(log.split("\n").filter((line) => line.includes(telemetry))).toEqual([
        expect.stringMatching(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d boot-telemetry: /),
      ]);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

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

  it("serves a mutant only when asked, says so on stderr, and breaks that one rule", async () => {
    const cli = run(["serve", "--port", "0", "--provisioner", "none", "--mutant", "no-c18-guard"]);
    const url = await cli.line;
    const register = (auth?: string) =>
      fetch(`${url}/registry/register`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) },
        body: JSON.stringify({ id, url: "http://localhost:9", agent_card: { name: "x" } }),
        signal: AbortSignal.timeout(5000),
      });
    const id = crypto.randomUUID();
    expect((await register()).status).toBe(200); // bootstrap: mints the instance token
    expect((await register()).status).toBe(200); // the C18 guard would answer 401 here
    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
    expect(cli.output().stderr).toContain("MUTANT no-c18-guard is on");
  }, 30_000);

  it("refuses an unknown mutant with exit 2", async () => {
    const cli = run(["serve", "--mutant", "typo"]);
    expect(await cli.exited).toBe(2);
    expect(cli.output().stderr).toContain("--mutant must be one of no-c18-guard");
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
