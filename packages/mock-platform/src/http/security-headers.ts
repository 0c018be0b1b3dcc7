// middleware/securityheaders.go: the headers upstream's SecurityHeaders middleware puts on every
// response that reaches the router (handlers and its 404 alike).

const API_PREFIXES = [
  "/workspaces",
  "/registry",
  "/health",
  "/admin",
  "/metrics",
  "/settings",
  "/bundles",
  "/org",
  "/orgs",
  "/templates",
  "/plugins",
  "/webhooks",
  "/channels",
  "/ws",
  "/events",
  "/approvals",
];

const API_CSP = "default-src 'self'";
const CANVAS_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: blob: https://*.r2.cloudflarestorage.com; frame-src 'self' blob:; " +
  "connect-src 'self' ws: wss:; font-src 'self' data:";

/** Whether `path` is an API path: one of the prefixes, or under one by a whole segment (`isAPIPath`). */
export function isApiPath(path: string): boolean {
  return API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

const COMMON_HEADERS = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "strict-transport-security": "max-age=31536000; includeSubDomains",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=()",
};
const API_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  ...COMMON_HEADERS,
  "content-security-policy": API_CSP,
});
const CANVAS_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  ...COMMON_HEADERS,
  "content-security-policy": CANVAS_CSP,
});

/** The security headers of a response to `path` (a shared, frozen record: copy it to change it). */
export function securityHeaders(path: string): Readonly<Record<string, string>> {
  return isApiPath(path) ? API_HEADERS : CANVAS_HEADERS;
}

/** Adds the security headers a handler did not set itself (upstream sets them before the handler runs). */
export function withSecurityHeaders(response: Response, path: string): Response {
  if (response.type === "error") return response;
  for (const [name, value] of Object.entries(securityHeaders(path))) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  return response;
}
