import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FetchHandler {
  handle(request: Request): Promise<Response>;
}

export interface StartedHttpServer {
  readonly server: Server;
  readonly port: number;
  /** Stops accepting, lets in-flight requests finish (up to `drainTimeoutMs`), closes keep-alive sockets. */
  close(drainTimeoutMs: number): Promise<void>;
}

/** Serves `handler` with node:http on `host:port` (port 0 picks a free one). */
export async function startHttpServer(
  handler: FetchHandler,
  host: string,
  port: number,
): Promise<StartedHttpServer> {
  let closing = false;
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    void serve(handler, req, res, () => closing).catch((error: unknown) => res.destroy(error as Error));
  };
  const server = createServer(onRequest);
  // `Expect: 100-continue` is answered only once the handler starts reading the body, so a body
  // refused by its Content-Length is never sent at all.
  server.on("checkContinue", onRequest);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close(drainTimeoutMs) {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), drainTimeoutMs);
      return closed.finally(() => clearTimeout(force));
    },
  };
}

async function serve(
  handler: FetchHandler,
  req: IncomingMessage,
  res: ServerResponse,
  closing: () => boolean,
) {
  const response = await handler.handle(toRequest(req, res));
  const body = response.body === null ? undefined : Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  // While shutting down, every answer closes its connection so no keep-alive socket outlives it.
  if (closing()) res.setHeader("connection", "close");
  res.end(body);
}

function toRequest(req: IncomingMessage, res: ServerResponse): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const url = new URL(req.url ?? "/", "http://stub-runtime.local");
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(url, {
    method: req.method ?? "GET",
    headers,
    ...(hasBody ? { body: bodyOf(req, res), duplex: "half" } : {}),
  });
}

// The request body as a web stream; cancelling it pauses the socket instead of destroying it, so a 413 can
// still be sent.
function bodyOf(req: IncomingMessage, res: ServerResponse): ReadableStream<Uint8Array> {
  let open = true;
  let continued = !/100-continue/i.test(req.headers.expect ?? "");
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on("data", (chunk: Buffer) => {
          if (!open) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once("end", () => {
          if (open) controller.close();
          open = false;
        });
        req.once("close", () => {
          if (open) controller.error(new Error("request closed before its body ended"));
          open = false;
        });
      },
      pull() {
        if (!continued) res.writeContinue();
        continued = true;
        req.resume();
      },
      cancel() {
        open = false;
        req.pause();
      },
      // No read-ahead: nothing is pulled (and no 100 Continue sent) until the handler reads.
    },
    { highWaterMark: 0 },
  );
}
