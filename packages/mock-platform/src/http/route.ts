import createDebug from "debug";
import { delay, HttpResponse, type HttpResponseResolver, http } from "msw";
import type { FaultInjector } from "../control/fault-injector.js";
import type { RequestJournal } from "../control/request-journal.js";
import { errorReply, type HttpReply } from "./http-reply.js";
import { type BodyRead, DEFAULT_MAX_BODY_BYTES, readBodyCapped } from "./request-body.js";
import type { RouteTable } from "./route-table.js";
import { withSecurityHeaders } from "./security-headers.js";

const debug = createDebug("molecule-ctk:mock-platform:http");

export interface RouteKit {
  baseUrl: string;
  journal: RequestJournal;
  faults: FaultInjector;
  /** Every route registered through {@link route}, for the request guard. */
  routes: RouteTable;
}

/** Per-request notes a resolver can add to its journal entry. */
export interface RouteMeta {
  workspaceId?: string;
}

/** A route resolver: the msw request and params, answering with a service reply or a Response. */
export type RouteResolver = (args: {
  request: Request;
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

/** A service reply as a fetch Response (verbatim text for the proxy's pass-through). */
export function toResponse(result: HttpReply): Response {
  const init = { status: result.status, ...(result.headers ? { headers: result.headers } : {}) };
  if (result.raw !== undefined) return new HttpResponse(result.raw, init);
  return HttpResponse.json(result.body as never, init);
}

/** Thrown by a resolver's body readers past the route's cap; the route answers 413. */
class BodyTooLargeError extends Error {}

/** The 413 of a body over a route's cap: the mock platform's own bound (upstream reads any size). */
export function bodyTooLargeReply(maxBytes: number): HttpReply {
  return errorReply(413, "request body too large", { max_bytes: maxBytes });
}

/**
 * An msw handler for `pattern` under the mock platform's origin, wrapped with the test affordances: the
 * downtime window and injected faults answer first (not on `/__mock/` routes), and every answer
 * is journaled with its status, timing and workspace id. Bodies are read through capped readers;
 * a resolver that throws answers 500 with the error envelope, never the exception's text.
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
  kit.routes.add({ method: method.toUpperCase(), pattern, maxBodyBytes, tooLarge });
  const control = pattern.startsWith("/__mock");
  const handler: HttpResponseResolver = async ({ request, params }) => {
    const started = performance.now();
    const path = new URL(request.url).pathname;
    const meta: RouteMeta = typeof params.id === "string" ? { workspaceId: params.id } : {};
    const record = (status: number, fault?: string) => {
      if (control) return;
      const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
      kit.journal.record({
        method: request.method,
        path,
        route: pattern,
        status,
        durationMs,
        ...meta,
        ...(fault ? { fault } : {}),
      });
    };
    if (!control) {
      if (kit.faults.inDowntime()) {
        record(0, "downtime");
        return HttpResponse.error();
      }
      const fault = kit.faults.take(request.method, pattern, path);
      if (fault?.delayMs) await delay(fault.delayMs);
      if (fault?.drop) {
        record(0, fault.id);
        return HttpResponse.error();
      }
      if (fault?.status !== undefined) {
        record(fault.status, fault.id);
        const forced = HttpResponse.json((fault.body ?? { error: "injected fault" }) as never, {
          status: fault.status,
        });
        return withSecurityHeaders(forced, path);
      }
    }
    const readBody = () => readBodyCapped(request, maxBodyBytes);
    const readText = async () => {
      const read = await readBody();
      if (read.tooLarge) throw new BodyTooLargeError();
      return read.text;
    };
    let response: Response;
    try {
      const result = await resolver({
        request,
        params: params as Record<string, string>,
        meta,
        readBody,
        readText,
        readJson: async () => parseJson(await readText()),
      });
      response = result instanceof Response ? result : toResponse(result);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) debug("%s %s failed: %O", request.method, path, error);
      response = toResponse(
        error instanceof BodyTooLargeError
          ? tooLarge(maxBodyBytes)
          : errorReply(500, "internal server error"),
      );
    }
    record(response.status);
    return withSecurityHeaders(response, path);
  };
  return http[method](`${kit.baseUrl}${pattern}`, handler);
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
