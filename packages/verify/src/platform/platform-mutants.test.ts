import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PLATFORM_MUTANTS } from "@molecule-ctk/mock-platform";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const tsxCli = createRequire(join(ROOT, "package.json")).resolve("tsx/cli");

/** Runs `pnpm mutants ...argv` as the README names it (without pnpm, so signals reach it). */
function runMutants(...argv: string[]): Promise<{ code: number | null; lines: string[]; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [tsxCli, "--conditions=source", join(ROOT, "scripts/mutants.ts"), ...argv],
      {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.once("exit", (code) => resolve({ code, lines: stdout.trimEnd().split("\n"), stderr }));
  });
}

describe("pnpm mutants platform", () => {
  it("catches every mutant, at least 12 (the Docker one only where an engine answers)", async () => {
    const { code, lines, stderr } = await runMutants("platform");
    expect(code, `${lines.join("\n")}\n${stderr}`).toBe(0);
    const last = /^platform mutants: (\d+)\/(\d+) caught$/.exec(lines.at(-1) ?? "");
    expect(last, lines.at(-1)).not.toBeNull();
    expect(last![1]).toBe(last![2]);
    expect(Number(last![1])).toBeGreaterThanOrEqual(12);
    for (const name of Object.keys(PLATFORM_MUTANTS)) {
      const line = lines.filter((l) => new RegExp(`^(caught|MISSED|n/a)\\s+${name}\\s`).test(l));
      expect(line, name).toHaveLength(1);
      if (line[0]!.startsWith("n/a")) {
        const docker = name === "no-token-rotation" && !process.env.CI && /Docker|docker/.test(line[0]!);
        expect(docker, line[0]).toBe(true);
      } else expect(line[0]).toMatch(/^caught\s+\S+\s+by \S/);
    }
  }, 900_000);
});

describe("pnpm mutants", () => {
  it("refuses an unknown kind with the usage and exit code 2", async () => {
    const { code, stderr } = await runMutants("nonsense");
    expect(code).toBe(2);
    expect(stderr).toContain('[mutants] unknown kind "nonsense": name one');
    expect(stderr).toContain("Usage: pnpm mutants <platform | runtime>");
  }, 60_000);
});
