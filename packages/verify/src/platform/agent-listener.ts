import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the platform forwarded to the listener. */
export interface ForwardedRequest {
  path: string;
  headers: IncomingMessage["headers"];
  /** The body as received (cut at {@link MAX_BODY_BYTES}). */
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  /** The exact bytes the listener answered with. */
  replyText: string;
}

export const REPLY_TEXT = "molecule-ctk verify platform: OK";
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_RECORDED = 500;

/**
 * The A2A endpoint of the runtimes `verify platform` plays: answers every JSON-RPC request at once
 * (`message/send` with an agent Message, any other method with -32601) and records what the
 * platform forwarded, per path, so a check can read the envelope the proxy built. Replies are
 * pretty-printed on purpose: a proxy that re-serialises instead of passing them through shows.
 */
export class AgentListener {
  readonly #requests: ForwardedRequest[] = [];

  private constructor(
    private readonly servers: ReadonlyArray<ReturnType<typeof createServer>>,
    readonly port: number,
  ) {}

  /** Listens on every one of `hosts` (IP addresses), on one free port. */
  static async start(hosts: ReadonlyArray<string>): Promise<AgentListener> {
    let listener: AgentListener | undefined;
    const servers: Array<ReturnType<typeof createServer>> = [];
    let port = 0;
    try {
      for (const host of new Set(hosts)) {
        const server = createServer((req, res) => void listener?.answer(req, res));
        servers.push(server);
        await new Promise<void>((resolve, reject) => {
          server.once("error", reject);
          server.listen(port, host, () => resolve());
        });
        port = (server.address() as AddressInfo).port;
      }
    } catch (error) {
      for (const server of servers) server.close();
      throw error;
    }
    listener = new AgentListener(servers, port);
    return listener;
  }

  /** What the platform forwarded to `path`, oldest first. */
  requestsTo(path: string): ForwardedRequest[] {
    return this.#requests.filter((request) => request.path === path);
  }

  async close(): Promise<void> {
    for (const server of this.servers) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readCapped(req);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const replyText = JSON.stringify(replyTo(json), null, 1);
    this.#requests.push({
      path: (req.url ?? "/").split("?")[0]!,
      headers: req.headers,
      text,
      json,
      replyText,
    });
    if (this.#requests.length > MAX_RECORDED) this.#requests.shift();
    res.writeHead(200, { "content-type": "application/json" }).end(replyText);
  }
}

function replyTo(request: unknown): unknown {
  const body = typeof request === "object" && request !== null ? (request as Record<string, unknown>) : {};
  const id = typeof body.id === "string" || typeof body.id === "number" ? body.id : null;
  if (request === undefined)
    return { jsonrpc: "2.0", id: null, error: { code: -32700, message: "parse error" } };
  if (body.method !== "message/send") {
    return {
      jsonrpc: "2.0",
      id,
      error: { code: -32601, message: `method not found: ${String(body.method)}` },
    };
  }
  return {
    jsonrpc: "2.0",
    id,
    result: {
      kind: "message",
      role: "agent",
      messageId: randomUUID(),
      parts: [{ kind: "text", text: REPLY_TEXT }],
    },
  };
}

async function readCapped(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) break; // enough to judge the envelope; the rest is dropped
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
