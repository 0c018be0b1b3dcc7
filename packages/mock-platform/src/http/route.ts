import { delay, HttpResponse, type HttpResponseResolver, http } from "msw";
import type { FaultInjector } from "../control/fault-injector.js";
import type { RequestJournal } from "../control/request-journal.js";
import type { HttpReply } from "./http-reply.js";

export interface RouteKit {
  baseUrl: string;
  journal: RequestJournal;
  faults: FaultInjector;
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
}) => Promise<HttpReply | Response> | HttpReply | Response;

type Method = "get" | "post" | "delete";

/** A service reply as a fetch Response (verbatim text for the proxy's pass-through). */
export function toResponse(result: HttpReply): Response {
  const init = { status: result.status, ...(result.headers ? { headers: result.headers } : {}) };
  if (result.raw !== undefined) return new HttpResponse(result.raw, init);
  return HttpResponse.json(result.body as never, init);
}

/**
 * An msw handler for `pattern` under the mock platform's origin, wrapped with the test affordances: the
 * downtime window and injected faults answer first (not on `/__mock/` routes), and every answer
 * is journaled with its status, timing and workspace id.
 */
export function route(kit: RouteKit, method: Method, pattern: string, resolver: RouteResolver) {
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
        return HttpResponse.json((fault.body ?? { error: "injected fault" }) as never, {
          status: fault.status,
        });
      }
    }
    const result = await resolver({ request, params: params as Record<string, string>, meta });
    const response = result instanceof Response ? result : toResponse(result);
    record(response.status);
    return response;
  };
  return http[method](`${kit.baseUrl}${pattern}`, handler);
}

/** The request's JSON body, or `undefined` when it is empty or not JSON (the services answer 400). */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
