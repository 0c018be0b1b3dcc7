import createDebug from "debug";
import { delay, HttpResponse, http } from "msw";
import type { FaultInjector } from "../control/fault-injector.js";
import type { CapturedRequest } from "../control/request-capture.js";
import type { RequestJournal } from "../control/request-journal.js";
import { errorReply, type HttpReply } from "./http-reply.js";
import { type BodyRead, DEFAULT_MAX_BODY_BYTES } from "./request-body.js";
import { type RouteRequest, webRouteRequest } from "./route-request.js";
import type { RouteTable } from "./route-table.js";
import { withSecurityHeaders } from "./security-headers.js";
import { toWireReply, type WireReply, wireResponse } from "./wire-reply.js";

const debug = createDebug("molecule-ctk:mock-platform:http");

export interface RouteKit {
  baseUrl: string;
  journal: RequestJournal;
  faults: FaultInjector;
  /** Every route registered through {@link route}: the request guard's bounds and the HTTP server's router. */
  routes: RouteTable;
}

/** Per-request notes a resolver can add to its journal entry. */
export interface RouteMeta {
  workspaceId?: string;
}

/** A route resolver: the request and its decoded params, answering with a service reply or a Response. */
export type RouteResolver = (args: {
  request: RouteRequest;
  params: Record<string, string>;
  meta: RouteMeta;
  /** The body as JSON (undefined when empty or not JSON), read up to the route's cap. */
  readJson: () => Promise<unknown>;
  /** The body as text, read up to the route's cap. */
  readText: () => Promise<string>;
  /** The body up to the route's cap, or `tooLarge` (for a route that answers that itself). */
  readBody: () => Promise<BodyRead>;
}) => Promise<HttpReply | Response> | HttpReply | Response;

type Method = "get" | "post" | "delete" | "put" | "patch";

export interface RouteOptions {
  /** The largest body the route reads. Default 1 MiB. */
  maxBodyBytes?: number;
  /** The route's own 413 body (default: {@link bodyTooLargeReply}). */
  tooLarge?: (maxBytes: number) => HttpReply;
}

/**
 * What a route answered, for an adapter to send: a wire reply (security headers included), a
 * Response whose body streams (the event stream), or a dropped connection (a fault, the downtime).
 */
export type RouteAnswer =
  | { kind: "reply"; wire: WireReply }
  | { kind: "stream"; response: Response }
  | { kind: "drop" };

/** Runs one route for a request whose path matched its pattern, with `params` decoded. */
export type RouteRun = (request: RouteRequest, params: Record<string, string>) => Promise<RouteAnswer>;

/** Thrown by a resolver's body readers past the route's cap; the route answers 413. */
class BodyTooLargeError extends Error {}

/** The 413 of a body over a route's cap: the mock platform's own bound (upstream reads any size). */
export function bodyTooLargeReply(maxBytes: number): HttpReply {
  return errorReply(413, "request body too large", { max_bytes: maxBytes });
}

/**
 * A route of the mock platform under its origin, wrapped with the test affordances: the downtime
 * window and injected faults answer first (not on `/__mock/` routes), and every answer is journaled
 * with its status, timing, workspace id, and the request's redacted headers and body. Bodies are read
 * through capped readers; a resolver that throws answers 500 with the error envelope, never the
 * exception's text. The route goes into `kit.routes` (the HTTP server runs it from there) and comes
 * back as an msw handler for in-process use: one definition, served both ways.
 */
export function route(
  kit: RouteKit,
  method: Method,
  pattern: string,
  resolver: RouteResolver,
  options: RouteOptions = {},
) {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const tooLarge = options.tooLarge ?? bodyTooLargeReply;
  const run = routeRun(kit, pattern, resolver, maxBodyBytes, tooLarge);
  kit.routes.add({ method: method.toUpperCase(), pattern, maxBodyBytes, tooLarge, run });
  return http[method](`${kit.baseUrl}${pattern}`, async ({ request, params }) =>
    toMswResponse(await run(webRouteRequest(request), params as Record<string, string>)),
  );
}

/** A route's answer as msw wants it: a Response, or a network error for a dropped connection. */
function toMswResponse(answer: RouteAnswer): Response {
  if (answer.kind === "drop") return HttpResponse.error();
  return answer.kind === "reply" ? wireResponse(answer.wire) : answer.response;
}

function routeRun(
  kit: RouteKit,
  pattern: string,
  resolver: RouteResolver,
  maxBodyBytes: number,
  tooLarge: (maxBytes: number) => HttpReply,
): RouteRun {
  const control = pattern.startsWith("/__mock");
  return async (request, params) => {
    const started = performance.now();
    const at = new Date().toISOString();
    const { method, path } = request;
    const meta: RouteMeta = typeof params.id === "string" ? { workspaceId: params.id } : {};
    const capture = control ? undefined : request.capture(kit.journal.bodyLimit);
    const record = async (status: number, fault?: string) => {
      if (!capture) return;
      const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
      const captured: CapturedRequest = await capture.done();
      // A fault answers before the resolver could name the workspace: the registry body names it.
      if (meta.workspaceId === undefined && fault)
        meta.workspaceId = registryWorkspaceId(pattern, captured.body);
      kit.journal.record({
        at,
        method,
        path,
        route: pattern,
        status,
        durationMs,
        ...meta,
        ...(fault ? { fault } : {}),
        ...captured,
      });
    };
    if (!control) {
      if (kit.faults.inDowntime()) {
        await record(0, "downtime");
        return { kind: "drop" };
      }
      const fault = kit.faults.take(method, pattern, path);
      if (fault?.delayMs) await delay(fault.delayMs);
      if (fault?.drop) {
        await record(0, fault.id);
        return { kind: "drop" };
      }
      if (fault?.status !== undefined) {
        await record(fault.status, fault.id);
        const forced = { status: fault.status, body: fault.body ?? { error: "injected fault" } };
        return { kind: "reply", wire: toWireReply(forced, path) };
      }
    }
    const readBody = () => request.readBody(maxBodyBytes);
    const readText = async () => {
      const read = await readBody();
      if (read.tooLarge) throw new BodyTooLargeError();
      return read.text;
    };
    let answer: RouteAnswer;
    try {
      const result = await resolver({
        request,
        params,
        meta,
        readBody,
        readText,
        readJson: async () => parseJson(await readText()),
      });
      answer =
        result instanceof Response
          ? { kind: "stream", response: withSecurityHeaders(result, path) }
          : { kind: "reply", wire: toWireReply(result, path) };
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) debug("%s %s failed: %O", method, path, error);
      const failed =
        error instanceof BodyTooLargeError
          ? tooLarge(maxBodyBytes)
          : errorReply(500, "internal server error");
      answer = { kind: "reply", wire: toWireReply(failed, path) };
    }
    await record(answer.kind === "reply" ? answer.wire.status : answer.response.status);
    return answer;
  };
}

/** The workspace a registry body names (`workspace_id`, or a register's `id`), read from the journaled text. */
function registryWorkspaceId(pattern: string, body: string | undefined): string | undefined {
  if (!pattern.startsWith("/registry/") || body === undefined) return undefined;
  try {
    const parsed = JSON.parse(body) as { workspace_id?: unknown; id?: unknown };
    const id = parsed.workspace_id ?? (pattern === "/registry/register" ? parsed.id : undefined);
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

/** JSON text as a value, or `undefined` when it is empty or not JSON (the services answer 400). */
export function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
