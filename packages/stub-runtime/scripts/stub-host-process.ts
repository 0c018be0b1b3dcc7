// Shared by the scripts that drive the stub from outside: a platform that accepts everything, and
// the stub started as a host process (`node --conditions=source --import tsx src/main.ts`).
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** A platform that accepts every register and heartbeat: the stub needs one to boot, not to answer A2A. */
export async function startSinkPlatform(): Promise<{ url: string; server: Server }> {
  const answers: Record<string, unknown> = {
    "/registry/register": { status: "registered", delivery_mode: "push", platform_inbound_secret: "sink" },
    "/registry/heartbeat": { status: "ok", generation: 1 },
  };
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const body = answers[req.url ?? ""];
      res.writeHead(body === undefined ? 404 : 200, { "content-type": "application/json" });
      res.end(JSON.stringify(body ?? { error: "not found" }));
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** A stub running as a child process. */
export interface StubHostProcess {
  url: string;
  port: number;
  pid: number;
  /** The process's resident set size now, from /proc. */
  rssBytes(): number;
  stop(): Promise<void>;
}

/** Starts the stub with `env` on top of a fresh workspace id, config folder and free port. */
export async function startStubProcess(
  platformUrl: string,
  env: Record<string, string>,
): Promise<StubHostProcess> {
  const port = await freePort();
  const configDir = mkdtempSync(join(tmpdir(), "molecule-ctk-stub-config-"));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ["--conditions=source", "--import", "tsx", join(PACKAGE_DIR, "src/main.ts")],
    {
      cwd: PACKAGE_DIR,
      env: {
        ...process.env,
        WORKSPACE_ID: randomUUID(),
        PLATFORM_URL: platformUrl,
        WORKSPACE_CONFIG_PATH: configDir,
        STUB_PORT: String(port),
        STUB_REGISTER_URL: url,
        ...env,
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((ready, failed) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("listening on") && ready());
    child.once("exit", (code) => failed(new Error(`the stub exited with ${code} before listening`)));
  });
  child.stdout.resume();
  const pid = child.pid as number;
  return {
    url,
    port,
    pid,
    rssBytes() {
      const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
      return Number(kib) * 1024;
    },
    async stop() {
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      await exited;
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}
