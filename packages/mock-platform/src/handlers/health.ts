import { type RouteKit, route } from "../http/route.js";

/** `GET /health` → 200 (contract 15). */
export function healthHandlers(kit: RouteKit) {
  return [route(kit, "get", "/health", () => ({ status: 200, body: { status: "ok" } }))];
}
