import { describe, expect, it } from "vitest";
import { ADMIN, call, setupTestServer } from "../platform-test-utils.js";
import { badEscape, guardRequest } from "./request-guard.js";
import { RouteTable } from "./route-table.js";

const { useTestPlatform } = setupTestServer();

describe("badEscape", () => {
  it.each([
    ["/workspaces/%ZZ/secrets", "%ZZ"],
    ["/workspaces/%4/x", "%4/"],
    ["/workspaces/abc%", "%"],
    ["/workspaces/%C3%28", "%C3%28"],
  ])("finds the escape that does not decode in %s", (path, bad) => {
    expect(badEscape(path)).toBe(bad);
  });

  it.each(["/workspaces/a%20b", "/workspaces/%E2%9C%93", "/health"])("accepts %s", (path) => {
    expect(badEscape(path)).toBeUndefined();
  });
});

describe("guardRequest", () => {
  const routes = new RouteTable();
  routes.add({ method: "GET", pattern: "/workspaces/:id", maxBodyBytes: 10 });
  routes.add({ method: "DELETE", pattern: "/workspaces/:id", maxBodyBytes: 10 });
  routes.add({ method: "POST", pattern: "/workspaces/:id/secrets", maxBodyBytes: 10 });

  it("answers 405 with Allow for a method no route of a known path takes", () => {
    expect(guardRequest(routes, { method: "TRACE", path: "/workspaces/x", contentLength: null })).toEqual({
      status: 405,
      body: { error: "method not allowed" },
      headers: { allow: "DELETE, GET" },
    });
  });

  it("refuses a declared body over the route's cap with 413 before reading", () => {
    const input = { method: "POST", path: "/workspaces/x/secrets", contentLength: "11" };
    expect(guardRequest(routes, input)).toEqual({
      status: 413,
      body: { error: "request body too large", max_bytes: 10 },
    });
  });

  it("lets an unknown path and an acceptable request through to the routes", () => {
    expect(guardRequest(routes, { method: "GET", path: "/nowhere", contentLength: null })).toBeUndefined();
    const ok = { method: "POST", path: "/workspaces/x/secrets", contentLength: "10" };
    expect(guardRequest(routes, ok)).toBeUndefined();
  });
});

describe("the request guard in front of the msw handlers", () => {
  it("answers a malformed escape with 400 and the envelope instead of msw's URIError", async () => {
    useTestPlatform();
    const res = await call("POST", "/workspaces/%ZZ/secrets", { body: {} });
    expect(res).toMatchObject({
      status: 400,
      body: { error: 'malformed request target: invalid URL escape "%ZZ"' },
    });
  });

  it("answers PUT on /workspaces with 405", async () => {
    useTestPlatform();
    const res = await call("PUT", "/workspaces", { token: ADMIN, body: {} });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, POST");
  });
});
