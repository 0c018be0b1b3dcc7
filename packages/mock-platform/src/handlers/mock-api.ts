import { bearerToken, PlatformMessages } from "@molecule-ctk/contract";
import { HttpResponse } from "msw";
import type { PlatformContext } from "../context/platform-context.js";
import type { EventStreamHub } from "../control/event-stream-hub.js";
import { type FaultSpec, MAX_FAULTS } from "../control/fault-injector.js";
import type { JournalFilter } from "../control/request-journal.js";
import type { TestControls } from "../control/test-controls.js";
import type { HttpReply } from "../http/http-reply.js";
import { type RouteKit, type RouteResolver, route } from "../http/route.js";
import { secretEquals } from "../services/secret-equals.js";

export interface MockApiServices {
  ctx: PlatformContext;
  control: TestControls;
  streams: EventStreamHub;
}

/** Characters of JSON a fault's forced body may have (faults are kept until they expire or are removed). */
const MAX_FAULT_BODY_CHARS = 64 * 1024;

const bad = (error: string): HttpReply => ({ status: 400, body: { error } });

/** A fault spec from a JSON body, or the reason it is not one. */
export function parseFaultSpec(body: unknown): FaultSpec | string {
  if (typeof body !== "object" || body === null) return "body must be a JSON object";
  const b = body as Record<string, unknown>;
  if (typeof b.path !== "string" || !b.path.startsWith("/")) return "path must be a string starting with /";
  for (const key of ["delayMs", "status", "times"] as const) {
    if (b[key] !== undefined && typeof b[key] !== "number") return `${key} must be a number`;
  }
  if (b.method !== undefined && typeof b.method !== "string") return "method must be a string";
  if (b.drop !== undefined && typeof b.drop !== "boolean") return "drop must be a boolean";
  if (b.body !== undefined && JSON.stringify(b.body).length > MAX_FAULT_BODY_CHARS)
    return `body must be at most ${MAX_FAULT_BODY_CHARS} characters of JSON`;
  return { ...(b as unknown as FaultSpec) };
}

/** A journal filter from `?method=&path=&workspace=&status=&since=`, or the reason it is not one. */
export function parseJournalFilter(query: URLSearchParams): JournalFilter | string {
  const filter: JournalFilter = {};
  const text = (name: string) => query.get(name) || undefined;
  const method = text("method");
  const path = text("path");
  const workspaceId = text("workspace");
  if (method !== undefined) filter.method = method;
  if (path !== undefined) filter.path = path;
  if (workspaceId !== undefined) filter.workspaceId = workspaceId;
  for (const key of ["status", "since"] as const) {
    const raw = text(key);
    if (raw === undefined) continue;
    if (!/^\d+$/.test(raw)) return `${key} must be a non-negative integer`;
    filter[key] = Number(raw);
  }
  return filter;
}

/** The mock platform's test API under `/__mock/` (admin bearer required when an admin token is configured). */
export function mockApiHandlers(kit: RouteKit, { ctx, control, streams }: MockApiServices) {
  const guarded =
    (resolver: RouteResolver): RouteResolver =>
    (args) => {
      const admin = ctx.options.adminToken;
      if (admin !== undefined && !secretEquals(bearerToken(args.request.header("authorization")), admin)) {
        return { status: 401, body: { error: PlatformMessages.adminAuthRequired } };
      }
      return resolver(args);
    };
  const ok = (body: Record<string, unknown> = { status: "ok" }): HttpReply => ({ status: 200, body });
  return [
    route(
      kit,
      "get",
      "/__mock/journal",
      guarded(({ request }) => {
        const filter = parseJournalFilter(request.query);
        if (typeof filter === "string") return bad(filter);
        return ok({ entries: control.journal(filter) });
      }),
    ),
    route(
      kit,
      "get",
      "/__mock/state",
      guarded(() => ok(control.snapshot())),
    ),
    route(
      kit,
      "get",
      "/__mock/events",
      guarded(({ request }) => {
        const since = request.query.get("since");
        const stream = streams.open(since === null ? undefined : Number(since));
        if (!stream)
          return { status: 503, body: { error: "too many event stream subscribers: close one and retry" } };
        return new HttpResponse(stream, {
          headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
        });
      }),
    ),
    route(
      kit,
      "get",
      "/__mock/faults",
      guarded(() => ok({ faults: control.faults() })),
    ),
    route(
      kit,
      "post",
      "/__mock/faults",
      guarded(async ({ readJson }) => {
        const spec = parseFaultSpec(await readJson());
        if (typeof spec === "string") return bad(spec);
        if (control.faults().length >= MAX_FAULTS) {
          const error = `${MAX_FAULTS} faults are active: DELETE /__mock/faults before adding more`;
          return { status: 429, body: { error } };
        }
        return { status: 201, body: control.addFault(spec) };
      }),
    ),
    route(
      kit,
      "delete",
      "/__mock/faults",
      guarded(() => {
        for (const fault of control.faults()) control.removeFault(fault.id);
        return ok();
      }),
    ),
    route(
      kit,
      "post",
      "/__mock/workspaces/:id/rotate-token",
      guarded(async ({ params }) => {
        if (!ctx.state.workspaces.get(params.id!))
          return { status: 404, body: { error: "workspace not found" } };
        return ok({ workspace_id: params.id, auth_token: await control.rotateToken(params.id!) });
      }),
    ),
    route(
      kit,
      "post",
      "/__mock/workspaces/:id/expire-liveness",
      guarded(({ params }) => {
        if (!ctx.state.workspaces.get(params.id!))
          return { status: 404, body: { error: "workspace not found" } };
        control.expireLiveness(params.id!);
        return ok({ workspace_id: params.id, status: ctx.state.workspaces.get(params.id!)?.status });
      }),
    ),
    route(
      kit,
      "post",
      "/__mock/lose-state",
      guarded(async ({ readJson }) => {
        const body = (await readJson()) as { downtime_ms?: unknown } | undefined;
        const downtime = body?.downtime_ms;
        if (downtime !== undefined && typeof downtime !== "number")
          return bad("downtime_ms must be a number");
        control.loseState({ downtimeMs: downtime ?? 0 });
        return ok({ status: "lost", downtime_ms: downtime ?? 0 });
      }),
    ),
    route(
      kit,
      "post",
      "/__mock/token-check-failures",
      guarded(async ({ readJson }) => {
        const times = ((await readJson()) as { times?: unknown } | undefined)?.times;
        if (typeof times !== "number" || times < 0) return bad("times must be a non-negative number");
        control.failTokenChecks(times);
        return ok({ status: "ok", times });
      }),
    ),
    route(
      kit,
      "post",
      "/__mock/sweeps",
      guarded(async () => {
        await control.runSweeps();
        return ok({ status: "swept" });
      }),
    ),
    route(
      kit,
      "post",
      "/__mock/reset",
      guarded(() => {
        control.reset();
        return ok({ status: "reset" });
      }),
    ),
  ];
}
