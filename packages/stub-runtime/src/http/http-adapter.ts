import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { closeLingering, isLingering } from "./lingering-close.js";
import { rawJsonResponse } from "./raw-response.js";
import { RequestBody } from "./request-body.js";
import { jsonReply, type StubHttpHandler, type StubReply, type StubRequest } from "./stub-exchange.js";

/** A fetch-style handler: served through `Request` and `Response` objects. */
export interface FetchHandler {
  handle(request: Request): Promise<Response>;
}

/** What the adapter serves: the stub's own handler (`answer`, no fetch objects) or any fetch-style one. */
export type ServedHandler = StubHttpHandler | FetchHandler;

export interface StartedHttpServer {
  readonly server: Server;
  readonly port: number;
  /** Stops accepting, lets in-flight requests finish (up to `drainTimeoutMs`), closes keep-alive sockets. */
  close(drainTimeoutMs: number): Promise<void>;
}

/** The adapter's bounds; each is documented in the stub's README. */
export const HTTP_LIMITS = {
  /** Unread request bytes read and dropped after an answer so the connection stays reusable; past it the connection is closed. */
  drainBytes: 1024 * 1024,
  /** Time to receive a request's headers. */
  headersTimeoutMs: 10_000,
  /** Time to receive a whole request. */
  requestTimeoutMs: 30_000,
  /** How long, and how many bytes, a closing connection keeps reading (and dropping) of what the client still sends. */
  lingerMs: 2_000,
  lingerBytes: 16 * 1024 * 1024,
} as const;

/** Methods a fetch `Request` can carry (it refuses CONNECT, TRACE and TRACK); the handler answers them. */
const FETCH_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]);
/** The other methods HTTP itself defines: known, so 405; every other method is 501. */
const HTTP_METHODS = new Set(["CONNECT", "TRACE"]);
const ALLOW = "GET, HEAD, POST";

/**
 * Serves `handler` with node:http on `host:port` (port 0 picks a free one): a handler with `answer`
 * (the stub's) gets node's request as it is, with no fetch `Request` or `Response` built; a
 * fetch-style one gets a `Request` and answers a `Response`. Every request gets an
 * answer with a JSON body, however malformed: a target that is no path is 400, a method a fetch
 * Request cannot carry 405 or 501, bytes that do not parse as HTTP 400 (431 for oversized headers,
 * 408 for a request that takes too long); no answer carries an exception's text. A body the handler
 * did not read is drained (up to {@link HTTP_LIMITS.drainBytes}) or its connection closed with
 * `Connection: close`, so a keep-alive connection never stalls behind it.
 */
export async function startHttpServer(
  handler: ServedHandler,
  host: string,
  port: number,
): Promise<StartedHttpServer> {
  let closing = false;
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    void serve(handler, req, res, () => closing).catch(() => res.destroy());
  };
  const server = createServer(onRequest);
  server.headersTimeout = HTTP_LIMITS.headersTimeoutMs;
  server.requestTimeout = HTTP_LIMITS.requestTimeoutMs;
  // `Expect: 100-continue` is answered only once the handler starts reading the body, so a body
  // refused by its Content-Length is never sent at all.
  server.on("checkContinue", onRequest);
  // CONNECT never reaches "request"; without a listener node would drop the connection unanswered.
  server.on("connect", (_req: IncomingMessage, socket: Socket) => {
    socket.write(rawJsonResponse(405, { error: notAllowed("CONNECT") }, { allow: ALLOW }));
    closeLingering(socket, HTTP_LIMITS.lingerMs, HTTP_LIMITS.lingerBytes);
  });
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    // node reports every further chunk of a connection it could not parse; the first one is answered.
    if (isLingering(socket)) return;
    if (error.code === "ECONNRESET" || !socket.writable) return socket.destroy();
    const [status, reason] = clientErrorAnswer(error.code);
    socket.write(rawJsonResponse(status, { error: `[stub-runtime] ${reason}` }));
    closeLingering(socket, HTTP_LIMITS.lingerMs, HTTP_LIMITS.lingerBytes);
  });
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
  handler: ServedHandler,
  req: IncomingMessage,
  res: ServerResponse,
  closing: () => boolean,
) {
  const body = new RequestBody(req, res);
  const reply = await answer(handler, req, body);
  res.statusCode = reply.status;
  for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
  const leftover = body.leftover(HTTP_LIMITS.drainBytes);
  // While shutting down, every answer closes its connection so no keep-alive socket outlives it.
  if (closing() || leftover === "close") res.setHeader("connection", "close");
  if (leftover === "close") {
    // node closes a `Connection: close` socket with destroySoon once the answer is written; with
    // body bytes still coming that would reset the connection under the client, so it lingers.
    const { socket } = req;
    socket.destroySoon = () => closeLingering(socket, HTTP_LIMITS.lingerMs, HTTP_LIMITS.lingerBytes);
  }
  res.end(reply.body);
  if (leftover !== "none") body.discard(HTTP_LIMITS.drainBytes);
}

/** The answer to a method the handler cannot be given (one fetch refuses); undefined for the others. */
function methodRefusal(method: string): StubReply | undefined {
  if (FETCH_METHODS.has(method)) return undefined;
  const status = HTTP_METHODS.has(method) ? 405 : 501;
  const error = status === 405 ? notAllowed(method) : `method ${method} is not implemented: use GET or POST`;
  return jsonReply(status, { error }, { allow: ALLOW });
}

/** The answer to a request target that is no path. */
function notAPath(target: string | undefined): StubReply {
  const shown = JSON.stringify((target ?? "").slice(0, 100));
  return jsonReply(400, { error: `request target ${shown} is not a path: send one such as /` });
}

const internalError = () => jsonReply(500, { error: "internal error: see the stub's log" });

/** The handler's answer, or the adapter's own for what the handler cannot be given; never a rejection. */
async function answer(handler: ServedHandler, req: IncomingMessage, body: RequestBody): Promise<StubReply> {
  const refused = methodRefusal(req.method ?? "");
  if (refused !== undefined) return refused;
  const url = targetUrl(req.url);
  if (url === undefined) return notAPath(req.url);
  if ("answer" in handler) return handler.answer(stubRequest(req, url, body)).catch(internalError);
  let request: Request;
  try {
    request = toRequest(req, url, body);
  } catch {
    // node parsed it but fetch cannot represent it (no such case is known): still a JSON answer.
    return jsonReply(400, { error: "request cannot be read: check its headers" });
  }
  try {
    const response = await handler.handle(request);
    const headers: Record<string, string> = {};
    for (const [name, value] of response.headers) headers[name] = value;
    return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
  } catch {
    return internalError();
  }
}

/** Node's request as the stub's handler reads it. */
function stubRequest(req: IncomingMessage, url: URL, body: RequestBody): StubRequest {
  const hasBody = carriesBody(req.method);
  return {
    method: req.method ?? "GET",
    path: url.pathname,
    header(name) {
      const value = req.headers[name.toLowerCase()];
      return value === undefined ? null : joinedHeader(value);
    },
    readBody: (limit) => (hasBody ? body.readWithin(limit) : Promise.resolve({ kind: "text", text: "" })),
  };
}

/** Whether a request of this method hands its body to the handler (GET and HEAD do not). */
const carriesBody = (method: string | undefined) => method !== "GET" && method !== "HEAD";

/** A header's value as fetch's `Headers.get` gives it: several of one name joined with ", ". */
const joinedHeader = (value: string | string[]) => (Array.isArray(value) ? value.join(", ") : value);

const notAllowed = (method: string) => `method ${method} not allowed: use GET or POST`;

/**
 * The URL of an origin-form target (`/x`, also `//`, `/\\`, `//:0/`, which WHATWG URL parsing would
 * read as a host) or of an absolute http(s) target; undefined for anything else (`*`, `x`).
 */
function targetUrl(target: string | undefined): URL | undefined {
  const raw = target ?? "/";
  try {
    if (raw.startsWith("/")) return new URL(`http://stub-runtime.local${raw}`);
    const absolute = new URL(raw);
    if (absolute.protocol === "http:" || absolute.protocol === "https:") {
      return new URL(`http://stub-runtime.local${absolute.pathname}${absolute.search}`);
    }
  } catch {
    // Not a URL: refused below.
  }
  return undefined;
}

function toRequest(req: IncomingMessage, url: URL, body: RequestBody): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, joinedHeader(value));
  }
  return new Request(url, {
    method: req.method ?? "GET",
    headers,
    ...(carriesBody(req.method) ? { body: body.stream(), duplex: "half" } : {}),
  });
}

/** The status and fixed reason for bytes node:http could not parse (node's own message is never sent). */
function clientErrorAnswer(code: string | undefined): [number, string] {
  if (code === "HPE_HEADER_OVERFLOW")
    return [431, "request headers too large: send at most 16 KiB of headers"];
  if (code === "ERR_HTTP_REQUEST_TIMEOUT") {
    return [408, `request not received within ${HTTP_LIMITS.requestTimeoutMs} ms: send it whole, sooner`];
  }
  if (code === "HPE_INVALID_METHOD") return [400, "unknown HTTP method: use GET or POST"];
  return [400, "malformed HTTP/1.1 request: check the request line, headers and body framing"];
}
