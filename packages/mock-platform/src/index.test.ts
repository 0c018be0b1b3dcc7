import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));

// A fresh node process imports the package entry, then the ./docker subpath, and prints which
// Docker client modules the CommonJS loader holds after each (dockerode and its transports are CJS).
const PROBE = `
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const dockerModules = () =>
  Object.keys(require.cache).filter((path) => /node_modules[\\\\/](dockerode|docker-modem|ssh2)[\\\\/]/.test(path)).length;
const entry = await import("@molecule-ctk/mock-platform");
const afterEntry = dockerModules();
await import("@molecule-ctk/mock-platform/docker");
console.log(JSON.stringify({ exports: Object.keys(entry).length, afterEntry, afterDocker: dockerModules() }));
`;

function probe(): Promise<{ exports: number; afterEntry: number; afterDocker: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--conditions=source", "--import", "tsx", "--input-type=module", "-e", PROBE],
      { cwd: PACKAGE_DIR, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`probe failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout));
      },
    );
  });
}

describe("the package entry", () => {
  it("loads no dockerode module; the ./docker subpath does", { timeout: 60_000 }, async () => {
    const result = await probe();
    expect(result.exports).toBeGreaterThan(0);
    expect(result.afterEntry).toBe(0);
    expect(result.afterDocker).toBeGreaterThan(0);
  });

  it("shares the src/ root with at most 7 other source files; subsystems have folders", () => {
    const root = readdirSync(new URL(".", import.meta.url), { withFileTypes: true });
    const sources = root.filter((entry) => entry.isFile() && /(?<!\.test)\.ts$/.test(entry.name));
    expect(sources.length, sources.map((entry) => entry.name).join(", ")).toBeLessThanOrEqual(8);
  });
});
