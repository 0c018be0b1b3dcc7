import { type RouteKit, route } from "../http/route.js";
import type { A2AProxyService } from "../services/a2a-proxy-service.js";

/** The A2A proxy and its queue-status route (contract 7). */
export function a2aProxyHandlers(kit: RouteKit, proxy: A2AProxyService) {
  return [
    route(kit, "post", "/workspaces/:id/a2a", ({ request, params }) =>
      proxy.proxy(params.id!, {
        authorization: request.headers.get("authorization"),
        workspaceIdHeader: request.headers.get("x-workspace-id"),
        xTimeout: request.headers.get("x-timeout"),
        a2aVersion: request.headers.get("a2a-version"),
        body: request.body,
      }),
    ),
    route(kit, "get", "/workspaces/:id/a2a/queue/:queueId", ({ request, params }) =>
      proxy.queueStatus(params.id!, params.queueId!, {
        authorization: request.headers.get("authorization"),
        workspaceId: request.headers.get("x-workspace-id"),
      }),
    ),
  ];
}
