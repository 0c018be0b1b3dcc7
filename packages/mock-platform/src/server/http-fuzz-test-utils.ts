// Generators of hostile HTTP requests for the mock platform and the judge of its answers, shared by
// the fuzz test in the suite and by scripts/fuzz-platform.ts (100,000 inputs). Test-only.
import fc from "fast-check";
import {
  type RawAnswer,
  type RawFuzzTally,
  type RawRequest,
  runRawRequests,
} from "../../../../scripts/raw-http-test-utils.js";

const MiB = 1024 * 1024;

/** What an exception's text or a stack looks like; no answer may contain it. */
export const EXCEPTION_TEXT =
  /\b(TypeError|RangeError|SyntaxError|ReferenceError|URIError|EvalError|AggregateError|ContractValidationError)\b|Maximum call stack|Unexpected token|Invalid URL|URI malformed|\bat .+\(.+:\d+:\d+\)|node:internal|ERR_[A-Z_]{4,}/;

/** Every status the mock platform answers with (contract 4 to 9); a 500 is never expected here. */
const STATUSES = new Set([
  200, 201, 202, 204, 400, 401, 403, 404, 405, 409, 410, 413, 422, 429, 431, 501, 502, 503,
]);

/**
 * The 500s upstream answers on purpose: a registry body whose id is no uuid fails at the uuid column
 * (registry.go: `registration failed`, `failed to update`), and the mock platform answers the same.
 */
const UPSTREAM_500 = new Set(['{"error":"registration failed"}', '{"error":"failed to update"}']);

/** The ids a run may name: a few that exist (filled in by the caller), random UUIDs and malformed ones. */
export interface FuzzIds {
  known: string[];
  tokens: string[];
  admin: string;
}

const badIds = fc.constantFrom(
  "x",
  "%ZZ",
  "%",
  "..",
  "00000000-0000-0000-0000-00000000000g",
  "%00",
  "a%2Fb",
  "é",
);

function targets(ids: FuzzIds): fc.Arbitrary<string> {
  const id = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ids.known) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: badIds },
  );
  const route = fc.constantFrom(
    "",
    "/a2a",
    "/a2a/inbound",
    "/a2a/queue/00000000-0000-4000-8000-000000000000",
    "/state",
    "/secrets",
    "/secrets/KEY",
    "/tokens",
    "/tokens/x",
    "/restart",
    "/pause",
    "/resume",
    "/hibernate",
    "/peers",
    "/schedules",
  );
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(id, route).map(([i, r]) => `/workspaces/${i}${r}`) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        "/registry/register",
        "/registry/heartbeat",
        "/registry/update-card",
        "/registry/check-access",
        "/workspaces",
        "/health",
        "/__mock/state",
        "/__mock/journal",
        "/__mock/faults",
        "/approvals/x/decide",
      ),
    },
    { weight: 1, arbitrary: id.map((i) => `/registry/discover/${i}`) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "//",
        "///",
        "/\\",
        "//:0/",
        "//evil.test/x",
        "*",
        "/%ZZ",
        "/a?b=%zz&c",
        "/é",
        "http://platform.test/health",
      ),
    },
    { weight: 1, arbitrary: fc.webPath() },
  );
}

function bodies(ids: FuzzIds): fc.Arbitrary<Buffer> {
  const id = fc.oneof(fc.constantFrom(...ids.known), fc.uuid(), fc.string({ maxLength: 8 }), fc.integer());
  const registerLike = fc.record(
    {
      id,
      url: fc.oneof(
        fc.constantFrom(
          "http://localhost:1",
          "http://[::ffff:169.254.169.254]/",
          "http://10.0.0.1",
          "ftp://x",
          "",
        ),
        fc.webUrl(),
      ),
      agent_card: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant({ name: "n" })),
      delivery_mode: fc.constantFrom("push", "poll", "carrier-pigeon"),
    },
    { requiredKeys: [] },
  );
  const heartbeatLike = fc.record(
    {
      workspace_id: id,
      active_tasks: fc.oneof(fc.integer({ min: -3, max: 5 }), fc.double(), fc.string({ maxLength: 3 })),
      error_rate: fc.oneof(fc.double(), fc.constant("x")),
      runtime_state: fc.constantFrom("", "wedged", "ok"),
    },
    { requiredKeys: [] },
  );
  const createLike = fc.record(
    {
      name: fc.oneof(fc.string({ maxLength: 20 }), fc.constant("a\nb"), fc.constant("n".repeat(256))),
      role: fc.string({ maxLength: 10 }),
      tier: fc.integer({ min: -1, max: 5 }),
      parent_id: fc.oneof(fc.constantFrom(...ids.known), fc.uuid(), fc.constant(null)),
      runtime: fc.constantFrom("claude-code", "external", "x"),
      url: fc.constantFrom("http://localhost:1", "http://169.254.169.254/"),
    },
    { requiredKeys: [] },
  );
  const a2a = fc.record(
    {
      jsonrpc: fc.constant("2.0"),
      id: fc.oneof(fc.integer(), fc.string({ maxLength: 6 })),
      method: fc.constantFrom("message/send", "SendMessage", "tasks/get"),
      params: fc.oneof(
        fc.constant({ message: { role: "user", parts: [{ type: "text", text: "ping" }] } }),
        fc.jsonValue({ maxDepth: 3 }),
      ),
    },
    { requiredKeys: [] },
  );
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .oneof(registerLike, heartbeatLike, createLike, a2a)
        .map((v) => Buffer.from(JSON.stringify(v))),
    },
    {
      weight: 1,
      arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v) ?? "null")),
    },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 200 }).map((t) => Buffer.from(t)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        Buffer.from(`{"workspace_id":"x","pad":"${"p".repeat(MiB + 10)}"}`),
        Buffer.from("[".repeat(100_000) + "]".repeat(100_000)),
        Buffer.from(`{"a":${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}}`),
        Buffer.from(""),
        Buffer.from("{"),
      ),
    },
  );
}

function headers(ids: FuzzIds) {
  return fc.record(
    {
      authorization: fc.oneof(
        fc.constant(`Bearer ${ids.admin}`),
        fc.constantFrom(...ids.tokens.map((t) => `Bearer ${t}`)),
        fc.constantFrom("Bearer", "Bearer ", "Basic abc", "bearer x", `Bearer ${"t".repeat(5000)}`),
      ),
      "x-workspace-id": fc.oneof(fc.constantFrom(...ids.known), badIds, fc.uuid()),
      "content-type": fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded"),
      "x-timeout": fc.constantFrom("1", "0", "-1", "1.5", "x"),
      "x-confirm-name": fc.string({ maxLength: 10 }).map((s) => s.replace(/[^\x20-\x7e]/g, "")),
      "a2a-version": fc.constantFrom("0.3", "1.0", "", "abc"),
    },
    { requiredKeys: [] },
  );
}

/** Bytes that do not parse as an HTTP/1.1 request. */
const malformed = fc.constantFrom(
  "GET / HTTP/1.1\r\nHost platform\r\n\r\n",
  "GET\r\n\r\n",
  "GET / HTTP/9.9\r\nHost: x\r\n\r\n",
  "POST /registry/heartbeat HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n",
  "POST /registry/heartbeat HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
  "GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n",
  `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
);

const httpMethods = fc.oneof(
  { weight: 5, arbitrary: fc.constant("POST") },
  { weight: 3, arbitrary: fc.constantFrom("GET", "HEAD") },
  { weight: 2, arbitrary: fc.constantFrom("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND") },
);

/** One generated request against a platform holding `ids`: mostly HTTP, sometimes malformed bytes. */
export function arbitraryRequest(ids: FuzzIds): fc.Arbitrary<RawRequest> {
  return fc.oneof(
    {
      weight: 12,
      arbitrary: fc
        .record({ method: httpMethods, target: targets(ids), headers: headers(ids), body: bodies(ids) })
        .map(({ method, target, headers: h, body }) => ({
          method,
          target,
          headers: h,
          ...(method !== "GET" && method !== "HEAD" ? { body } : {}),
        })),
    },
    { weight: 1, arbitrary: malformed.map((raw) => ({ method: "RAW", target: "/", raw })) },
  );
}

/** What was wrong with an answer, by kind. */
export type Problem = "unanswered" | "exception text" | "wrong code" | "not the error envelope";

/**
 * Judges one answer: it must exist, carry a known status (never 500), no exception text, and any
 * 4xx/5xx a JSON `{"error": string}` envelope (gin's plain `404 page not found` for an unknown route,
 * the state route's `deleted` body, and nothing for HEAD, aside).
 */
export function judgeAnswer(request: RawRequest, answer: RawAnswer | undefined): Problem | undefined {
  if (answer === undefined) return "unanswered";
  if (EXCEPTION_TEXT.test(answer.body)) return "exception text";
  const upstream500 =
    answer.status === 500 && request.target.startsWith("/registry/") && UPSTREAM_500.has(answer.body);
  if (!STATUSES.has(answer.status) && !upstream500) return "wrong code";
  if (answer.status < 400 || request.method === "HEAD") return undefined;
  if (answer.status === 404 && answer.body === "404 page not found") return undefined;
  if (answer.status === 404 && answer.body === "") return undefined;
  try {
    const body = JSON.parse(answer.body) as { error?: unknown; deleted?: unknown };
    if (typeof body?.error === "string") return undefined;
    // workspace_crud.go GetState: an unknown or removed workspace is 404 {"workspace_id","deleted":true}.
    return answer.status === 404 && body?.deleted === true ? undefined : "not the error envelope";
  } catch {
    return "not the error envelope";
  }
}

/** Tally of a run. */
export type FuzzTally = RawFuzzTally<Problem>;

export function emptyTally(): FuzzTally {
  return {
    requests: 0,
    problems: { unanswered: 0, "exception text": 0, "wrong code": 0, "not the error envelope": 0 },
    statuses: {},
    examples: [],
  };
}

/** Sends `requests` over keep-alive connections, judging every answer into `tally` ({@link judgeAnswer}). */
export function runRequests(port: number, requests: RawRequest[], tally: FuzzTally, timeoutMs = 15_000) {
  return runRawRequests(port, requests, tally, judgeAnswer, timeoutMs);
}
