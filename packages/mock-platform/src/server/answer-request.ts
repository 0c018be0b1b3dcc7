import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import createDebug from "debug";
import { getResponse } from "msw";
import type { MockPlatform } from "../create-mock-platform.js";
import { guardRequest } from "../http/request-guard.js";
import type { RouteAnswer } from "../http/route.js";
import { toWireReply } from "../http/wire-reply.js";
import { hasBody, NodeRouteRequest } from "./node-route-request.js";

const debug = createDebug("molecule-ctk:mock-platform:server");

/**
 * How the HTTP server finds a request's route: `direct` looks it up in the platform's route table
 * and runs it on the node request; `msw` builds a fetch Request and asks msw's `getResponse` (what a
 * platform with msw handlers of its own in front of the routes needs).
 */
export type ServerRouting = "direct" | "msw";

const UNROUTABLE_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);

/** Answers one request for `platform`, however malformed: the route's answer, 404, or an error envelope. */
export async function answerRequest(
  platform: MockPlatform,
  routing: ServerRouting,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const url = requestUrl(req.url, platform.baseUrl);
    if (!url) return sendError(res, 400, "invalid request target");
    // Methods fetch's Request refuses to carry: no route takes them.
    if (UNROUTABLE_METHODS.has(req.method ?? "")) return sendError(res, 405, "method not allowed");
    const answer =
      routing === "direct"
        ? await routeDirect(platform, req, url)
        : await routeThroughMsw(platform, req, res, url);
    send(req, res, answer);
  } catch (error) {
    if (res.headersSent) res.destroy();
    else sendError(res, 500, "internal error");
    debug("answer to %s %s failed: %O", req.method, req.url, error);
  }
}

/** A route's answer, or undefined when no route takes the path (404). */
type Answer = RouteAnswer | undefined;

async function routeDirect(platform: MockPlatform, req: IncomingMessage, url: URL): Promise<Answer> {
  const method = req.method ?? "GET";
  const contentLength = req.headers["content-length"] ?? null;
  const refused = guardRequest(platform.routes, { method, path: url.pathname, contentLength });
  if (refused) return { kind: "reply", wire: toWireReply(refused, url.pathname) };
  const found = platform.routes.lookup(method, url.pathname);
  if (!found?.spec.run) return undefined;
  return found.spec.run(new NodeRouteRequest(req, url), found.params);
}

async function routeThroughMsw(
  platform: MockPlatform,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<Answer> {
  const controller = new AbortController();
  res.once("close", () => controller.abort());
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  const request = new Request(url, {
    method: req.method ?? "GET",
    headers,
    signal: controller.signal,
    ...(hasBody(req.method) ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
  } as RequestInit);
  const response = await getResponse(platform.handlers, request, { baseUrl: platform.baseUrl });
  if (!response) return undefined;
  // HttpResponse.error(): a network error is a dropped connection
  return response.type === "error" ? { kind: "drop" } : { kind: "stream", response };
}

function send(req: IncomingMessage, res: ServerResponse, answer: Answer): void {
  if (answer?.kind === "drop") {
    req.socket.destroy();
    return;
  }
  const headers: Record<string, string> =
    answer === undefined
      ? { "content-type": "text/plain" }
      : answer.kind === "reply"
        ? { ...answer.wire.headers }
        : Object.fromEntries(answer.response.headers);
  // A body nobody read to its end (a route that refused it, or no route at all) is never left to be
  // read as the next request: up to MAX_DRAINED_BODY_BYTES it is read and dropped and the connection
  // stays usable; a larger one, or one of unknown length, closes the connection after this answer.
  // Either way what arrives is read: unread bytes in a closing socket make the kernel reset the
  // connection, and a client still sending would lose the answer.
  if (hasBody(req.method) && !req.readableEnded) req.resume();
  if (hasBody(req.method) && !req.readableEnded && !drainable(req)) {
    headers.connection = "close";
    res.once("finish", () => {
      // Closed once the body is in (or after 2 s): closing while it still arrives resets the connection.
      if (req.readableEnded) req.socket.end();
      else req.once("end", () => req.socket.end());
      setTimeout(() => req.socket.destroy(), 2_000).unref();
    });
  }
  if (answer === undefined) {
    res.writeHead(404, headers).end("404 page not found");
    return;
  }
  if (answer.kind === "reply") {
    res.writeHead(answer.wire.status, headers).end(answer.wire.body);
    return;
  }
  const { response } = answer;
  res.writeHead(response.status, headers);
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
}

/** The largest unread request body drained to keep its connection (declared lengths only). */
export const MAX_DRAINED_BODY_BYTES = 4 * 1024 * 1024;

function drainable(req: IncomingMessage): boolean {
  const declared = req.headers["content-length"];
  return declared !== undefined && /^\d+$/.test(declared) && Number(declared) <= MAX_DRAINED_BODY_BYTES;
}

/** The `{"error"}` envelope with a length; the request body, never read, is discarded as it arrives. */
export function sendError(res: ServerResponse, status: number, error: string): void {
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
