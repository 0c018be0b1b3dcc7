import { delay, HttpResponse, type HttpResponseResolver, http } from "msw";
import type { FaultInjector } from "../control/fault-injector.js";
import { captureRequest } from "../control/request-capture.js";
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
 * is journaled with its status, timing, workspace id, and the request's redacted headers and body.
 */
export function route(kit: RouteKit, method: Method, pattern: string, resolver: RouteResolver) {
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
        return HttpResponse.json((fault.body ?? { error: "injected fault" }) as never, {
          status: fault.status,
        });
      }
    }
    const result = await resolver({ request, params: params as Record<string, string>, meta });
    const response = result instanceof Response ? result : toResponse(result);
    await record(response.status);
    return response;
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
