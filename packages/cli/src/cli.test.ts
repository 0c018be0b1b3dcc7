import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { runCli } from "./cli.js";

const scratch = mkdtempSync(join(tmpdir(), "molecule-ctk-cli-"));
const children: ChildProcess[] = [];
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("molecule-ctk", () => {
  it("lists every command for --help and exits 0", async () => {
    const { code, out } = await cli("--help");
    expect(code).toBe(0);
    for (const command of [
      "serve",
      "verify runtime",
      "verify platform",
      "lifecycle",
      "image build",
      "image harness-tag",
      "clean",
    ]) {
      expect(out).toContain(`  ${command} `);
    }
  });

  it("prints the version of its package.json for --version", async () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    expect(await cli("--version")).toMatchObject({ code: 0, out: pkg.version });
  });

  it.each([
    [["serve", "--help"], "Usage: molecule-ctk serve [options]"],
    [["verify", "--help"], "Usage: molecule-ctk verify <runtime|platform>"],
    [["lifecycle", "--help"], "Usage: molecule-ctk lifecycle [--base URL"],
    [["image", "--help"], "Usage: molecule-ctk image <build|harness-tag>"],
    [
      ["image", "build", "--help"],
      "Usage: molecule-ctk image build [stub-runtime] [mock-platform] [--tag T]",
    ],
    [["image", "harness-tag", "--help"], "Usage: molecule-ctk image harness-tag --sha12 S --arch A"],
    [["clean", "--help"], "Usage: molecule-ctk clean [--run RUN_ID ...]"],
  ])("answers %j with its own usage and exit 0", async (argv, usage) => {
    const { code, out } = await cli(...argv);
    expect(code).toBe(0);
    expect(out.startsWith(usage)).toBe(true);
  });

  it("exits 2 naming an unknown command, and with the usage for none", async () => {
    expect(await cli("nope")).toMatchObject({
      code: 2,
      err: '[molecule-ctk] unknown command "nope". Run "molecule-ctk --help" for the commands.',
    });
    expect(await cli("--nope")).toMatchObject({
      code: 2,
      err: '[molecule-ctk] unknown option "--nope". Run "molecule-ctk --help" for the commands.',
    });
    expect(await cli()).toMatchObject({
      code: 2,
      err: expect.stringContaining("Usage: molecule-ctk <command>"),
    });
  });

  it.each([
    [
      ["serve", "--nope"],
      /^\[mock-platform\] Unknown option '--nope'.*Run "molecule-ctk serve --help" for usage\.$/,
    ],
    [
      ["lifecycle", "--nope"],
      /^\[lifecycle\] Unknown option '--nope'.*Run "molecule-ctk lifecycle --help" for usage\.$/,
    ],
    [["clean", "--nope"], /^\[clean\] Unknown option '--nope'.*Run "molecule-ctk clean --help" for usage\.$/],
    [["image", "nope"], /^\[image\] unknown subcommand "nope".*Run "molecule-ctk image --help" for usage\.$/],
    [
      ["image", "build", "--nope"],
      /^\[image\] Unknown option '--nope'.*Run "molecule-ctk image build --help" for usage\.$/,
    ],
  ])("answers the bad command line %j with one line and exit 2", async (argv, line) => {
    const { code, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(err.split("\n")).toHaveLength(1);
    expect(err).toMatch(line);
  });

  it("exits 2 when --tag would name two images", async () => {
    const { code, err } = await cli("image", "build", "--tag", "x:1");
    expect(code).toBe(2);
    expect(err).toMatch(/^\[image\] --tag names one image/);
  });

  it("names its own commands, not repository scripts, in a bad serve flag's hint", async () => {
    const { code, err } = await cli("serve", "--nope");
    expect(code).toBe(2);
    expect(err).toContain('Run "molecule-ctk serve --help" for usage.');
  });

  it("fails lifecycle without a Docker engine in one line, and records the failure as JUnit", async () => {
    const junit = join(scratch, "junit.xml");
    const before = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = `unix://${join(scratch, "no-engine.sock")}`;
    try {
      const { code, err } = await cli("lifecycle", "--junit", junit);
      expect(code).toBe(1);
      expect(err.split("\n")).toHaveLength(1);
      expect(err).toMatch(
        /^\[lifecycle\] the lifecycle suite needs a Docker engine: no Docker engine reachable at unix:\/\/.*no-engine\.sock .*: start dockerd, or point DOCKER_HOST at a running engine$/,
      );
      const report = readFileSync(junit, "utf8");
      expect(report).toMatch(/<testsuites [^>]*tests="1" failures="1"/);
      expect(report).toContain('<testcase classname="lifecycle preflight" name="a Docker engine answers"');
      expect(report).toContain("no-engine.sock");
    } finally {
      if (before === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = before;
    }
  });

  it("refuses --base without an admin token, before looking for Docker", async () => {
    const before = {
      ADMIN_TOKEN: process.env.ADMIN_TOKEN,
      MOLECULE_ADMIN_TOKEN: process.env.MOLECULE_ADMIN_TOKEN,
    };
    delete process.env.ADMIN_TOKEN;
    delete process.env.MOLECULE_ADMIN_TOKEN;
    try {
      const { code, err } = await cli("lifecycle", "--base", "http://127.0.0.1:8080");
      expect(code).toBe(2);
      expect(err).toMatch(/^\[lifecycle\] --base needs --admin-token T/);
    } finally {
      Object.assign(
        process.env,
        Object.fromEntries(Object.entries(before).filter(([, v]) => v !== undefined)),
      );
    }
  });
});

describe("the molecule-ctk process", () => {
  // One process with tsx's loader, as the bin runs: tsx's own CLI puts a parent in front that relays
  // signals, and under load a SIGTERM relayed that way ended the mock platform's CLI with 143.
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm")).href;
  const main = fileURLToPath(new URL("./main.ts", import.meta.url));
  const start = (...argv: string[]) => {
    const child = spawn(process.execPath, ["--import", tsxLoader, "--conditions=source", main, ...argv], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let stdout = "";
    child.stdout!.on("data", (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    return { child, exited, stdout: () => stdout };
  };

  it("fails `pnpm lifecycle` with DOCKER_HOST pointing at nothing: exit 1 and one line on stderr", async () => {
    const junit = join(scratch, "pnpm-lifecycle-junit.xml");
    const child = spawn("pnpm", ["lifecycle", "--junit", junit], {
      cwd: fileURLToPath(new URL("../../../", import.meta.url)),
      env: { ...process.env, DOCKER_HOST: `unix://${join(scratch, "nothing.sock")}`, FORCE_COLOR: "0" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    children.push(child);
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(
        /^\[lifecycle\] the lifecycle suite needs a Docker engine: .*nothing\.sock.*: start dockerd/,
      ),
    ]);
    expect(readFileSync(junit, "utf8")).toMatch(/<testsuites [^>]*tests="1" failures="1"/);
  }, 60_000);

  it("serves the mock platform on a free port until SIGTERM, then exits 0", async () => {
    const serve = start("serve", "--port", "0", "--provisioner", "none");
    const url = await new Promise<string>((resolve, reject) => {
      serve.child.stdout!.on("data", () => {
        const match = /mock-platform listening on (\S+)\n/.exec(serve.stdout());
        if (match) resolve(match[1]!);
      });
      void serve.exited.then((code) => reject(new Error(`exited with ${code} before listening`)));
    });
    const health = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) });
    expect(health.status).toBe(200);
    serve.child.kill("SIGTERM");
    expect(await serve.exited).toBe(0);
  });
});
