import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { getResponse } from "msw";
import { createMockPlatform, type MockPlatform } from "../create-mock-platform.js";
import type { MockPlatformOptions } from "../options.js";

/** Options of {@link startMockPlatformServer}: the platform's, or a platform to serve, plus where to listen. */
export interface MockPlatformServerOptions extends Omit<MockPlatformOptions, "baseUrl"> {
  /** Serve this platform instead of creating one (its baseUrl is used for routing). */
  platform?: MockPlatform;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** More addresses to serve the same platform on, with the same port (e.g. a Docker network's gateway). */
  extraHosts?: ReadonlyArray<string>;
}

/** A listening mock platform. `close()` stops the server and the platform (not the provisioner). */
export interface StartedMockPlatformServer {
  url: string;
  port: number;
  platform: MockPlatform;
  close(): Promise<void>;
}

/** Serves the mock platform's msw handlers over real HTTP: a thin node:http adapter over msw's `getResponse`. */
export async function startMockPlatformServer(
  options: MockPlatformServerOptions = {},
): Promise<StartedMockPlatformServer> {
  const { platform: given, host = "127.0.0.1", port = 0, extraHosts = [], ...platformOptions } = options;
  let platform = given;
  const listen = async (address: string, onPort: number) => {
    const server = createServer((req, res) => void answer(platform!, req, res));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(onPort, address, () => resolve());
    });
    return server;
  };
  const server = await listen(host, port);
  const bound = (server.address() as AddressInfo).port;
  const extra: Server[] = [];
  try {
    for (const address of extraHosts) extra.push(await listen(address, bound));
  } catch (error) {
    for (const s of [server, ...extra]) s.close();
    throw error;
  }
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${bound}`;
  const localUrl = host === "0.0.0.0" || host === "::" ? `http://127.0.0.1:${bound}` : url;
  platform ??= createMockPlatform({ ...platformOptions, baseUrl: localUrl });
  return {
    url,
    port: bound,
    platform,
    close: async () => {
      await platform.close(); // ends SSE streams first, so close() does not wait on them
      for (const s of [server, ...extra]) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
    },
  };
}

async function answer(platform: MockPlatform, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const controller = new AbortController();
  res.once("close", () => controller.abort());
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
      else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(new URL(req.url ?? "/", platform.baseUrl), {
      method: req.method ?? "GET",
      headers,
      signal: controller.signal,
      ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
    } as RequestInit);
    const response = await getResponse(platform.handlers, request, { baseUrl: platform.baseUrl });
    if (!response) {
      res.writeHead(404, { "content-type": "text/plain" }).end("404 page not found");
      return;
    }
    if (response.type === "error") {
      req.socket.destroy(); // HttpResponse.error(): a network error is a dropped connection
      return;
    }
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) {
      res.end();
      return;
    }
    res.flushHeaders(); // SSE: the client sees the headers before the first event
    const body = Readable.fromWeb(response.body as never);
    // A client that goes away cancels the body (an SSE stream then leaves the hub), never left paused.
    res.once("close", () => body.destroy());
    body.on("error", () => res.destroy());
    body.pipe(res);
  } catch (error) {
    if (res.headersSent) res.destroy();
    else
      res
        .writeHead(500, { "content-type": "application/json" })
        .end(JSON.stringify({ error: String(error) }));
  }
}
