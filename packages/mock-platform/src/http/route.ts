import createDebug from "debug";
import { delay, HttpResponse, type HttpResponseResolver, http } from "msw";
import type { FaultInjector } from "../control/fault-injector.js";
import { captureRequest } from "../control/request-capture.js";
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
 * is journaled with its status, timing, workspace id, and the request's redacted headers and body.
 * Bodies are read through capped readers; a resolver that throws answers 500 with the error
 * envelope, never the exception's text.
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
    const at = new Date().toISOString();
    const path = new URL(request.url).pathname;
    const meta: RouteMeta = typeof params.id === "string" ? { workspaceId: params.id } : {};
    const capture = control ? undefined : captureRequest(request, kit.journal.bodyLimit);
    const record = async (status: number, fault?: string) => {
      if (!capture) return;
      const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
      const captured = await capture.done();
      // A fault answers before the resolver could name the workspace: the registry body names it.
      if (meta.workspaceId === undefined && fault)
        meta.workspaceId = registryWorkspaceId(pattern, captured.body);
      kit.journal.record({
        at,
        method: request.method,
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
        return HttpResponse.error();
      }
      const fault = kit.faults.take(request.method, pattern, path);
      if (fault?.delayMs) await delay(fault.delayMs);
      if (fault?.drop) {
        await record(0, fault.id);
        return HttpResponse.error();
      }
      if (fault?.status !== undefined) {
        await record(fault.status, fault.id);
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
    await record(response.status);
    return withSecurityHeaders(response, path);
  };
  return http[method](`${kit.baseUrl}${pattern}`, handler);
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
