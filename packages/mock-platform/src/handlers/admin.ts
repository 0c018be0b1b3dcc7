import type { PlatformContext } from "../context/platform-context.js";
import { type RouteKit, route } from "../http/route.js";
import { adminAuth } from "../services/api-auth.js";
import type { TokenApiService } from "../services/token-api-service.js";

/** `POST /admin/workspaces/:id/tokens` (AdminAuth; contract 3.2). */
export function adminHandlers(
  kit: RouteKit,
  { ctx, tokens }: { ctx: PlatformContext; tokens: TokenApiService },
) {
  return [
    route(kit, "post", "/admin/workspaces/:id/tokens", ({ request, params }) => {
      const caller = adminAuth(ctx, request.header("authorization"));
      return caller.ok ? tokens.adminMint(params.id!) : caller.reply;
    }),
  ];
}
