import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { RunContext } from "../support/run-labels.js";
import { connectExternalPlatform } from "./external-platform.js";
import type { PlatformFixture } from "./platform-fixture.js";

/**
 * Starts `mock-platform serve` as a separate process, exactly as a user runs it, and connects to it
 * as an EXTERNAL platform: the suite then exercises the external-platform path (polling,
 * PLATFORM_LOG) end to end. `close()` stops it with SIGTERM, which removes its workspaces' network.
 */
export async function startCliPlatform(run: RunContext): Promise<PlatformFixture> {
  const adminToken = `cli-admin-${randomBytes(8).toString("hex")}`;
  const dir = mkdtempSync(join(tmpdir(), "mock-platform-cli-"));
  const log = join(dir, "platform.log");
  const labels = Object.entries(run.labels).flatMap(([key, value]) => ["--label", `${key}=${value}`]);
  // Only what a user types (`serve --port 0 --admin-token T`) plus run hygiene: the network, images
  // and labels of this run, and a log file for the boot-telemetry check. Everything else is the CLI's
  // defaults: a Docker provisioner because an engine answers, development mode, a loopback bind plus
  // the workspace network's gateway for the containers.
  const child = spawn(
    process.execPath,
    [
      ...mockPlatformBin(),
      "serve",
      "--port",
      "0",
      "--admin-token",
      adminToken,
      "--network",
      `${run.runId}-cli-${randomBytes(3).toString("hex")}`,
      "--image",
      run.images["stub-runtime"],
      "--log-file",
      log,
      ...labels,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const port = await listeningPort(child, () => output);
  const fixture = await connectExternalPlatform(run, {
    BASE: `http://127.0.0.1:${port}`,
    ADMIN_TOKEN: adminToken,
    PLATFORM_LOG: log,
  });
  return {
    ...fixture,
    close: async () => {
      await fixture.close();
      await stop(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// The mock platform's bin: its built file when installed; in the monorepo its TypeScript source, run
// in this one process with tsx's loader. Through tsx's CLI a parent process would stand in front of
// it, and a SIGKILL (a platform that never printed its listening line, or ignored SIGTERM for 15 s)
// would reach only that parent and leave the platform running.
function mockPlatformBin(): string[] {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve("@molecule-ctk/mock-platform/package.json"));
  if (!import.meta.url.endsWith(".ts")) return [join(dir, "dist", "server", "cli.js")];
  const loader = pathToFileURL(require.resolve("tsx/esm")).href;
  return ["--import", loader, "--conditions=source", join(dir, "src", "server", "cli.ts")];
}

function listeningPort(child: ChildProcess, stderr: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => fail(new Error("did not print its listening line in 30 s")), 30_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`[e2e] mock-platform serve ${error.message}\n${stdout}${stderr()}`));
    };
    child.once("exit", (code) => fail(new Error(`exited with ${code}`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /mock-platform listening on http:\/\/[^:]+:(\d+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        child.removeAllListeners("exit");
        resolve(Number(match[1]));
      }
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}
