import { type RouteKit, route } from "../http/route.js";
import { tooLargeReply } from "../services/a2a-normalize.js";
import type { A2AProxyService } from "../services/a2a-proxy-service.js";

/** The A2A proxy, its inbound variant for external agents and the queue-status route (contract 7). */
export function a2aProxyHandlers(kit: RouteKit, proxy: A2AProxyService, maxBodyBytes: number) {
  return [
    route(
      kit,
      "post",
      "/workspaces/:id/a2a",
      ({ request, params, readBody }) =>
        proxy.proxy(params.id!, {
          authorization: request.header("authorization"),
          workspaceIdHeader: request.header("x-workspace-id"),
          xTimeout: request.header("x-timeout"),
          a2aVersion: request.header("a2a-version"),
          readBody,
        }),
      { maxBodyBytes, tooLarge: tooLargeReply },
    ),
    route(
      kit,
      "post",
      "/workspaces/:id/a2a/inbound",
      ({ request, params, readBody }) =>
        proxy.inbound(params.id!, {
          authorization: request.header("authorization"),
          workspaceIdHeader: null,
          xTimeout: request.header("x-timeout"),
          a2aVersion: request.header("a2a-version"),
          readBody,
        }),
      { maxBodyBytes, tooLarge: tooLargeReply },
    ),
    route(kit, "get", "/workspaces/:id/a2a/queue/:queueId", ({ request, params }) =>
      proxy.queueStatus(params.queueId!, {
        authorization: request.header("authorization"),
        workspaceId: request.header("x-workspace-id"),
      }),
    ),
  ];
}
