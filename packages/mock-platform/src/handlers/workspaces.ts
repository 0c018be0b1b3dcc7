import type { PlatformContext } from "../context/platform-context.js";
import { type RouteKit, route } from "../http/route.js";
import type { RouteRequest } from "../http/route-request.js";
import { adminAuth, callerWorkspaceId, workspaceAuth } from "../services/api-auth.js";
import type { PauseService } from "../services/pause-service.js";
import type { WorkspaceCrudService } from "../services/workspace-crud-service.js";
import type { WorkspaceOpsService } from "../services/workspace-ops-service.js";

export interface WorkspaceServices {
  ctx: PlatformContext;
  crud: WorkspaceCrudService;
  ops: WorkspaceOpsService;
  pause: PauseService;
}

const flag = (request: RouteRequest, name: string) => request.query.get(name) === "true";

/** The workspace API of contract 9 and the restart route of contract 8.6. */
export function workspaceHandlers(kit: RouteKit, { ctx, crud, ops, pause }: WorkspaceServices) {
  const auth = (request: RouteRequest) => request.header("authorization");
  return [
    route(kit, "post", "/workspaces", async ({ request, meta, readJson }) => {
      const caller = adminAuth(ctx, auth(request));
      if (!caller.ok) return caller.reply;
      const result = await crud.create(await readJson());
      const id = (result.body as { id?: unknown } | undefined)?.id;
      if (typeof id === "string") meta.workspaceId = id;
      return result;
    }),
    route(kit, "get", "/workspaces", ({ request }) => {
      const caller = adminAuth(ctx, auth(request));
      return caller.ok ? crud.list() : caller.reply;
    }),
    route(kit, "get", "/workspaces/:id", ({ request, params }) =>
      crud.get(params.id!, flag(request, "include_removed")),
    ),
    route(kit, "get", "/workspaces/:id/state", ({ request, params }) => {
      const caller = workspaceAuth(ctx, auth(request), params.id!);
      return caller.ok ? crud.state(params.id!, auth(request)) : caller.reply;
    }),
    route(kit, "post", "/workspaces/:id/secrets", async ({ request, params, readJson }) => {
      const caller = workspaceAuth(ctx, auth(request), params.id!);
      if (!caller.ok) return caller.reply;
      return ops.writeSecret(params.id!, await readJson(), {
        caller: caller.caller,
        callerWorkspaceId: callerWorkspaceId(ctx, auth(request), request.header("x-workspace-id")),
      });
    }),
    route(kit, "post", "/workspaces/:id/restart", async ({ request, params, readText }) => {
      const caller = workspaceAuth(ctx, auth(request), params.id!);
      if (!caller.ok) return caller.reply;
      return ops.restart(params.id!, await readText(), flag(request, "reset"));
    }),
    route(kit, "post", "/workspaces/:id/pause", async ({ request, params }) => {
      const caller = workspaceAuth(ctx, auth(request), params.id!);
      return caller.ok ? pause.pause(params.id!, flag(request, "cascade")) : caller.reply;
    }),
    route(kit, "post", "/workspaces/:id/resume", ({ request, params }) => {
      const caller = workspaceAuth(ctx, auth(request), params.id!);
      return caller.ok ? pause.resume(params.id!, flag(request, "cascade")) : caller.reply;
    }),
    route(kit, "post", "/workspaces/:id/hibernate", async ({ request, params }) => {
      const caller = workspaceAuth(ctx, auth(request), params.id!);
      return caller.ok ? pause.hibernate(params.id!, flag(request, "force")) : caller.reply;
    }),
    route(kit, "delete", "/workspaces/:id", async ({ request, params }) => {
      const caller = adminAuth(ctx, auth(request));
      if (!caller.ok) return caller.reply;
      return crud.delete(params.id!, {
        confirmName: request.header("x-confirm-name"),
        confirm: flag(request, "confirm"),
        purge: flag(request, "purge"),
      });
    }),
    route(
      kit,
      "post",
      "/workspaces/:id/approvals/:approvalId/decide",
      async ({ request, params, readJson }) => {
        const caller = workspaceAuth(ctx, auth(request), params.id!);
        if (!caller.ok) return caller.reply;
        return ops.decide(params.id!, params.approvalId!, await readJson());
      },
    ),
  ];
}
