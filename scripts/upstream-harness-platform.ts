// The mock platform of `pnpm harness:upstream`: its CLI as a child process, stdout redirected to
// platform.log as upstream CI starts its platform (`./platform-server > platform.log`, contract 12.3).
import { type ChildProcess, spawn } from "node:child_process";
import { openSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

export interface HarnessPlatformOptions {
  root: string;
  platformLog: string;
  adminToken: string;
  /** The workspace network, and the label on every Docker resource the platform creates. */
  network: string;
  label: string;
  /** The harness's CACHE_TAG and MOLECULE_LOCAL_IMAGE_ISOLATION, which upstream CI gives its platform too. */
  env: Record<string, string>;
}

export interface StartedHarnessPlatform {
  base: string;
  child: ChildProcess;
}

/**
 * Starts the CLI as `pnpm mock-platform serve` does (tsx on its source), without pnpm, which would
 * not pass SIGTERM on, and in its own process group, so a Ctrl-C reaches the harness first and the
 * platform is stopped after the harness has deleted its workspace.
 */
export async function startHarnessPlatform(options: HarnessPlatformOptions): Promise<StartedHarnessPlatform> {
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  delete env.PLATFORM_LOG; // the log reaches the file through stdout alone, as with upstream's platform
  delete env.PLATFORM_URL;
  const cli = join(options.root, "packages", "mock-platform", "src", "server", "cli.ts");
  const flags = ["--port", "0", "--admin-token", options.adminToken, "--provisioner", "docker"];
  const hygiene = ["--network", options.network, "--label", options.label];
  const child = spawn(process.execPath, [tsx, "--conditions=source", cli, "serve", ...flags, ...hygiene], {
    cwd: options.root,
    env,
    detached: true,
    stdio: ["ignore", openSync(options.platformLog, "w"), "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8_000);
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    const match = /mock-platform listening on (http:\/\/\S+)/.exec(readFileSync(options.platformLog, "utf8"));
    if (match?.[1] && (await healthy(match[1]))) return { base: match[1], child };
    await new Promise((done) => setTimeout(done, 250));
  }
  await stopHarnessPlatform(child);
  throw new Error(
    `[harness] mock-platform serve did not answer /health within 60 s (exit ${child.exitCode}):\n${stderr}`,
  );
}

/** SIGTERM (the mock platform then removes its containers and network), SIGKILL after 30 s. */
export async function stopHarnessPlatform(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGTERM");
  const timer = setTimeout(() => {
    console.error("[harness] mock-platform serve did not stop within 30 s of SIGTERM: killed");
    child.kill("SIGKILL");
  }, 30_000);
  await exited;
  clearTimeout(timer);
}

async function healthy(base: string): Promise<boolean> {
  try {
    return (await fetch(`${base}/health`, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}
