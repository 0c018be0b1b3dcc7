import { type RouteKit, route } from "../http/route.js";
import type { DiscoveryService } from "../services/discovery-service.js";
import type { HeartbeatService } from "../services/heartbeat-service.js";
import type { RegisterService } from "../services/register-service.js";

export interface RegistryServices {
  register: RegisterService;
  heartbeat: HeartbeatService;
  discovery: DiscoveryService;
}

function bodyId(body: unknown, key: string): string | undefined {
  const value =
    typeof body === "object" && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" ? value : undefined;
}

/** `/registry/register`, `/heartbeat`, `/update-card` (contract 4, 5) and discovery (contract 7.1). */
export function registryHandlers(kit: RouteKit, services: RegistryServices) {
  return [
    route(kit, "post", "/registry/register", async ({ request, meta, readJson }) => {
      const body = await readJson();
      meta.workspaceId = bodyId(body, "id");
      return services.register.register(body, request.header("authorization"));
    }),
    route(kit, "post", "/registry/heartbeat", async ({ request, meta, readJson }) => {
      const body = await readJson();
      meta.workspaceId = bodyId(body, "workspace_id");
      return services.heartbeat.heartbeat(body, request.header("authorization"));
    }),
    route(kit, "post", "/registry/update-card", async ({ request, meta, readJson }) => {
      const body = await readJson();
      meta.workspaceId = bodyId(body, "workspace_id");
      return services.register.updateCard(body, request.header("authorization"));
    }),
    route(kit, "post", "/registry/check-access", async ({ readJson }) =>
      services.discovery.checkAccess(await readJson()),
    ),
    route(kit, "get", "/registry/:id/peers", ({ request, params }) =>
      services.discovery.peers(params.id!, request.header("authorization"), request.query.get("q")),
    ),
    route(kit, "get", "/registry/discover/:id", ({ request, params }) =>
      services.discovery.discover(
        params.id!,
        request.header("x-workspace-id"),
        request.header("authorization"),
      ),
    ),
  ];
}
