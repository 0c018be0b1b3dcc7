import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A tiny platform on 0.0.0.0 that accepts every register and heartbeat and notes each workspace's first beat. */
export class BenchPlatform {
  readonly #server: Server;
  readonly #firstBeat = new Map<string, number>();
  readonly #waiters = new Map<string, (at: number) => void>();

  constructor() {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const at = performance.now();
        const body = JSON.parse(Buffer.concat(chunks).toString() || "{}") as { workspace_id?: string };
        if (
          req.url === "/registry/heartbeat" &&
          body.workspace_id &&
          !this.#firstBeat.has(body.workspace_id)
        ) {
          this.#firstBeat.set(body.workspace_id, at);
          this.#waiters.get(body.workspace_id)?.(at);
        }
        const answer =
          req.url === "/registry/register"
            ? { status: "registered", delivery_mode: "push", platform_inbound_secret: "bench-secret" }
            : { status: "ok", generation: 1 };
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify(answer));
      });
    });
  }

  /** Listens on 0.0.0.0 (containers reach it through host.docker.internal) and returns the port. */
  async listen(): Promise<number> {
    this.#server.listen(0, "0.0.0.0");
    await once(this.#server, "listening");
    return (this.#server.address() as AddressInfo).port;
  }

  /** The performance.now() of the workspace's first heartbeat; rejects after `timeoutMs`. */
  firstHeartbeat(workspaceId: string, timeoutMs = 15_000): Promise<number> {
    const seen = this.#firstBeat.get(workspaceId);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no heartbeat from ${workspaceId} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.#waiters.set(workspaceId, (at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}
