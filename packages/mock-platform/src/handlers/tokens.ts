import type { PlatformContext } from "../context/platform-context.js";
import { type RouteKit, route } from "../http/route.js";
import type { RouteRequest } from "../http/route-request.js";
import { workspaceAuth } from "../services/api-auth.js";
import type { TokenApiService } from "../services/token-api-service.js";

export interface TokenServices {
  ctx: PlatformContext;
  tokens: TokenApiService;
}

/** `/workspaces/:id/tokens`: the user-facing mint, list and revoke (WorkspaceAuth; contract 3.2, 3.3). */
export function tokenHandlers(kit: RouteKit, { ctx, tokens }: TokenServices) {
  const guard = (request: RouteRequest, id: string) =>
    workspaceAuth(ctx, request.header("authorization"), id);
  return [
    route(kit, "post", "/workspaces/:id/tokens", ({ request, params }) => {
      const caller = guard(request, params.id!);
      return caller.ok ? tokens.mint(params.id!) : caller.reply;
    }),
    route(kit, "get", "/workspaces/:id/tokens", ({ request, params }) => {
      const caller = guard(request, params.id!);
      return caller.ok ? tokens.list(params.id!, request.query) : caller.reply;
    }),
    route(kit, "delete", "/workspaces/:id/tokens/:tokenId", ({ request, params }) => {
      const caller = guard(request, params.id!);
      return caller.ok ? tokens.revoke(params.id!, params.tokenId!) : caller.reply;
    }),
  ];
}
