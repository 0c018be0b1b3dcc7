import { HttpResponse } from "msw";
import { type RouteKit, route } from "../http/route.js";

/** `GET /health` → 200 (contract 15). */
export function healthHandlers(kit: RouteKit) {
  return [route(kit, "get", "/health", () => HttpResponse.json({ status: "ok" }))];
}
