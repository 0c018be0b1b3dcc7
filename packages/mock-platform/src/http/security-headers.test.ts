import { describe, expect, it } from "vitest";
import { ADMIN, call, setupTestServer } from "../platform-test-utils.js";
import { isApiPath } from "./security-headers.js";

const { useTestPlatform } = setupTestServer();

// middleware/securityheaders_test.go:TestSecurityHeaders, :TestSecurityHeadersPresenceOnMultipleRoutes,
// :TestCSPAPIRoutesGetStrictPolicy, :TestCSPCanvasRoutesGetPermissivePolicy, :TestIsAPIPath.
describe("security headers", () => {
  it("puts upstream's headers on every answer, the strict CSP on API paths", async () => {
    useTestPlatform();
    for (const [method, path] of [
      ["GET", "/health"],
      ["GET", "/workspaces"],
      ["POST", "/registry/heartbeat"],
      ["PUT", "/workspaces"],
      ["GET", "/workspaces/%ZZ"],
    ] as const) {
      const res = await call(method, path, { token: ADMIN, ...(method === "GET" ? {} : { body: {} }) });
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("permissions-policy")).toBe("camera=(), microphone=(), geolocation=()");
      expect(res.headers.get("content-security-policy")).toBe("default-src 'self'");
    }
    const control = await call("GET", "/__mock/journal", { token: ADMIN });
    expect(control.headers.get("content-security-policy")).toContain("script-src 'self' 'unsafe-inline'");
  });

  it.each([
    ["/workspaces", true],
    ["/workspaces/abc/a2a", true],
    ["/health", true],
    ["/healthcheck", false],
    ["/workspacesX", false],
    ["/buildinfo", false],
    ["/__mock/state", false],
  ])("classifies %s as an API path: %s", (path, api) => {
    expect(isApiPath(path)).toBe(api);
  });
});
