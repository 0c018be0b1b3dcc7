import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DeployMode } from "@molecule-ctk/contract";
import { startMockPlatformServer } from "@molecule-ctk/mock-platform";
import { afterEach, describe, expect, it } from "vitest";
import type { VerifyReport } from "../report/verify-report.js";
import { PLATFORM_CHECKS } from "./platform-checks.js";
import { runPlatformCommand } from "./platform-command.js";

const DISPATCH = [
  "a2a.queue-drains",
  "a2a.wraps-bare-payload",
  "a2a.normalises-message",
  "a2a.keeps-envelope-id",
  "a2a.passes-reply-verbatim",
];
const PROVISIONING = [
  "restart.answers-provisioning",
  "provision.container-running",
  "restart.rotates-token",
  "provision.boot-telemetry",
];

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const tsxCli = createRequire(join(ROOT, "package.json")).resolve("tsx/cli");

/** Runs `pnpm ctk ...argv` as the README names it (tsx on the CLI's source, without pnpm in between). */
function ctk(argv: string[]): Promise<{ code: number | null; out: string[]; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [tsxCli, "--conditions=source", join(ROOT, "packages/cli/src/main.ts"), ...argv],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.once("exit", (code) => resolve({ code, out: stdout.trimEnd().split("\n"), stderr }));
  });
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) }, out, err };
}

async function serve(mode: DeployMode, mutant?: "no-c18-guard") {
  const server = await startMockPlatformServer({
    adminToken: "T",
    deployMode: mode,
    livenessTtlMs: 1000,
    ...(mutant ? { mutant } : {}),
  });
  cleanups.push(() => server.close());
  return server.url;
}

async function reportDir() {
  const dir = await mkdtemp(join(tmpdir(), "verify-platform-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return join(dir, "r");
}

describe.each<DeployMode>(["development", "self-hosted", "saas"])(
  "verify platform against the mock platform in %s mode",
  (mode) => {
    it("pnpm ctk verify platform exits 0, fails no check, skips only with a reason, and writes the three reports", async () => {
      const base = await serve(mode);
      const dir = await reportDir();
      const argv = ["--base", base, "--admin-token", "T", "--deploy-mode", mode, "--liveness-ttl", "1"];
      const { code, out, stderr } = await ctk(["verify", "platform", ...argv, "--report", dir]);
      expect(stderr).toBe("");
      const report = JSON.parse(await readFile(join(dir, "report.json"), "utf8")) as VerifyReport;
      expect(report.checks.map((c) => c.id)).toEqual(PLATFORM_CHECKS.map((c) => c.id));
      const failing = report.checks.filter((c) => c.status === "fail");
      expect(failing.map((c) => `${c.id}: ${c.detail}`)).toEqual([]);
      expect(code).toBe(0);
      const status = (id: string) => report.checks.find((c) => c.id === id);
      for (const id of PROVISIONING)
        expect(status(id)).toMatchObject({
          status: "skip",
          detail: expect.stringMatching(/provisioner|--platform-log/),
        });
      for (const id of DISPATCH) {
        if (mode === "self-hosted")
          expect(status(id)).toMatchObject({
            status: "skip",
            detail: expect.stringContaining("public addresses only"),
          });
        else expect(status(id)?.status, status(id)?.detail).toBe("pass");
      }
      expect(
        report.checks
          .filter((c) => c.status === "skip" && !PROVISIONING.includes(c.id) && !DISPATCH.includes(c.id))
          .map((c) => `${c.id}: ${c.detail}`),
      ).toEqual([]);
      const junit = await readFile(join(dir, "junit.xml"), "utf8");
      expect(junit.match(/<testcase /g)).toHaveLength(PLATFORM_CHECKS.length);
      expect(await readFile(join(dir, "report.md"), "utf8")).toContain(
        `| \`register.c18-guard\` | MUST | pass | contract 4.2 (#35) |`,
      );
      expect(out.join("\n")).toMatch(/register\.c18-guard\s+MUST\s+pass/);
      expect(out.at(-1)).toBe(`report written to ${dir}/: report.json, junit.xml, report.md`);
    }, 180_000);
  },
);

describe("verify platform exit codes", () => {
  it("exits 1 when a MUST check fails, naming the check and the fix", async () => {
    const base = await serve("development", "no-c18-guard");
    const { io, out } = capture();
    const code = await runPlatformCommand(
      ["--base", base, "--admin-token", "T", "--only", "register.c18"],
      io,
    );
    expect(code).toBe(1);
    const table = out.join("\n");
    expect(table).toMatch(/register\.c18-guard\s+MUST\s+FAIL\s+register with no Authorization answered 200/);
    expect(table).toMatch(/register\.bootstrap-token-once\s+MUST\s+skip\s+not selected by --only/);
  }, 60_000);

  it("exits 2 with the reason when the platform does not answer or refuses the admin token", async () => {
    const unreachable = capture();
    expect(
      await runPlatformCommand(["--base", "http://127.0.0.1:1", "--admin-token", "T"], unreachable.io),
    ).toBe(2);
    expect(unreachable.err.join("\n")).toMatch(
      /^\[verify\] the platform at http:\/\/127\.0\.0\.1:1 does not answer/,
    );
    const base = await serve("development");
    const refused = capture();
    expect(await runPlatformCommand(["--base", base, "--admin-token", "wrong"], refused.io)).toBe(2);
    expect(refused.err.join("\n")).toContain(
      "the platform refused the admin token (GET /workspaces answered 401)",
    );
  }, 30_000);

  it.each([
    [[], /--base is required/],
    [["--base", "ftp://x"], /--base must be an http\(s\) origin/],
    [
      ["--base", "http://127.0.0.1:8080", "--admin-token", "T", "--deploy-mode", "prod"],
      /--deploy-mode must be self-hosted, saas, development/,
    ],
    [
      ["--base", "http://127.0.0.1:8080", "--admin-token", "T", "--level", "nice"],
      /--level must be must, should or may/,
    ],
    [
      ["--base", "http://127.0.0.1:8080", "--admin-token", "T", "--liveness-ttl", "0"],
      /--liveness-ttl must be a positive number/,
    ],
    [["--base", "http://127.0.0.1:8080", "--admin-token", "T", "--bogus"], /Unknown option '--bogus'/],
  ])("exits 2 for %j", async (argv, message) => {
    const { io, err } = capture();
    const env = process.env;
    process.env = { ...env, ADMIN_TOKEN: "", MOLECULE_ADMIN_TOKEN: "", BASE: "" };
    try {
      expect(await runPlatformCommand(argv, io)).toBe(2);
    } finally {
      process.env = env;
    }
    expect(err.join("\n")).toMatch(message);
    expect(err.join("\n")).toContain('Run "molecule-ctk verify platform --help" for usage.');
  });

  it("prints the usage for --help, naming every flag", async () => {
    const { io, out } = capture();
    expect(await runPlatformCommand(["--help"], io)).toBe(0);
    for (const flag of [
      "--base",
      "--admin-token",
      "--deploy-mode",
      "--level",
      "--report",
      "--liveness-ttl",
      "--agent-host",
      "--platform-log",
      "--online-timeout",
      "--only",
    ]) {
      expect(out.join("\n")).toContain(flag);
    }
  });
});
