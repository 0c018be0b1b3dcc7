import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Duplex, Readable } from "node:stream";
import createDebug from "debug";
import { getResponse } from "msw";
import { createMockPlatform, type MockPlatform } from "../create-mock-platform.js";
import type { MockPlatformOptions } from "../options.js";

const debug = createDebug("molecule-ctk:mock-platform:server");

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
    server.on("clientError", refuseMalformed);
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

/** Bytes that are not an HTTP/1.1 request: a JSON 400 (431 for oversized headers), then the connection closes. */
function refuseMalformed(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || error.code === "ECONNRESET") {
    socket.destroy();
    return;
  }
  socket.resume(); // read and discard the rest, so closing does not reset the connection under the answer
  setTimeout(() => socket.destroy(), 2_000).unref();
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const body = JSON.stringify({ error: tooLarge ? "request headers too large" : "malformed HTTP request" });
  const status = tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request";
  socket.end(
    `HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

const UNROUTABLE_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);

/** The `{"error"}` envelope with a length; the request body, never read, is discarded as it arrives. */
function sendError(res: ServerResponse, status: number, error: string): void {
  const body = JSON.stringify({ error });
  res.req.resume(); // discard the body, so the connection stays usable for the next request
  res
    .writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) })
    .end(body);
}

/** A request target that is no path the platform can route (`//`, `//:0/`, `*`): 400, never an exception. */
function requestUrl(target: string | undefined, base: string): URL | undefined {
  if (target === undefined || !target.startsWith("/") || target.startsWith("//")) return undefined;
  try {
    return new URL(target, base);
  } catch {
    return undefined;
  }
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
    const url = requestUrl(req.url, platform.baseUrl);
    if (!url) return sendError(res, 400, "invalid request target");
    // Methods fetch's Request refuses to carry: no route takes them.
    if (UNROUTABLE_METHODS.has(req.method ?? "")) return sendError(res, 405, "method not allowed");
    const request = new Request(url, {
      method: req.method ?? "GET",
      headers,
      signal: controller.signal,
      ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
    } as RequestInit);
    const response = await getResponse(platform.handlers, request, { baseUrl: platform.baseUrl });
    if (response?.type === "error") {
      req.socket.destroy(); // HttpResponse.error(): a network error is a dropped connection
      return;
    }
    const answerHeaders: Record<string, string> = response
      ? Object.fromEntries(response.headers)
      : { "content-type": "text/plain" };
    // A body nobody read to its end (a route that refused it, or no route at all): the connection is
    // closed after this answer, never left to read the rest of the body as the next request.
    if (hasBody && !req.readableEnded) {
      answerHeaders.connection = "close";
      res.once("finish", () => {
        req.socket.end();
        setTimeout(() => req.socket.destroy(), 2_000).unref();
      });
    }
    if (!response) {
      res.writeHead(404, answerHeaders).end("404 page not found");
      return;
    }
    res.writeHead(response.status, answerHeaders);
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
    else sendError(res, 500, "internal error");
    debug("answer to %s %s failed: %O", req.method, req.url, error);
  }
}
