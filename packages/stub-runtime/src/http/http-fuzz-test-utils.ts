// Generators of hostile HTTP requests for the stub and the judge of its answers, shared by the fuzz
// test in the suite and by scripts/fuzz-stub.ts (100,000 inputs). Test-only.
import { A2AErrorCodes, JsonRpcResponse } from "@molecule-ctk/contract";
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
  /\b(TypeError|RangeError|SyntaxError|ReferenceError|URIError|EvalError|AggregateError)\b|Maximum call stack|Unexpected token|Invalid URL|\bat .+\(.+:\d+:\d+\)|node:internal|ERR_[A-Z_]{4,}/;

/** Every status the stub may answer with; a 500 is never expected. */
const STATUSES = new Set([200, 400, 405, 408, 413, 431, 501]);
const CODES = new Set<number>(Object.values(A2AErrorCodes).map((entry) => entry.code));

const v03Message = (text: string, extra: Record<string, unknown> = {}) => ({
  role: "user",
  parts: [{ kind: "text", text }],
  messageId: "m-1",
  ...extra,
});
const v1Message = (text: string, extra: Record<string, unknown> = {}) => ({
  messageId: "m-1",
  role: "ROLE_USER",
  parts: [{ text }],
  ...extra,
});

/** `{"a":{"a":...1}}`, `levels` objects deep, as text (JSON.stringify itself overflows past ~10,000). */
function nestedText(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
}

const ids = fc.oneof(
  fc.integer(),
  fc.string({ maxLength: 8 }),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 1 }),
);
// Mostly small, now and then at or past the 1 MiB body bound.
const sizes = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(0, 1, 10, 1000, 16 * 1024) },
  { weight: 1, arbitrary: fc.constantFrom(900_000, MiB - 300, MiB + 1) },
);
const depths = fc.constantFrom(10, 64, 70, 200, 300, 2_000, 100_000);
const methodNames = fc.oneof(
  fc.constantFrom(
    "message/send",
    "tasks/get",
    "tasks/cancel",
    "message/stream",
    "tasks/pushNotificationConfig/set",
    "agent/getAuthenticatedExtendedCard",
    "SendMessage",
    "GetTask",
    "CancelTask",
    "ListTasks",
    "SubscribeToTask",
    "GetExtendedAgentCard",
    "constructor",
    "__proto__",
    "signals/restart_pending",
  ),
  fc.string({ maxLength: 12 }),
);

/** A request-shaped object with any member wrong or missing. */
const requestLike = fc.record(
  {
    jsonrpc: fc.oneof(fc.constant("2.0"), fc.jsonValue({ maxDepth: 1 })),
    id: ids,
    method: fc.oneof(methodNames, fc.jsonValue({ maxDepth: 1 })),
    params: fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({ message: fc.jsonValue({ maxDepth: 3 }) }),
      fc.record({ id: fc.oneof(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })) }),
      fc.record({ pageSize: fc.integer({ min: -5, max: 200 }), pageToken: fc.string({ maxLength: 8 }) }),
    ),
  },
  { requiredKeys: [] },
);

/** Well-formed calls of every method, as JSON text, with sizes and nesting up to and past the bounds. */
const wellFormed: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(ids, sizes).map(([id, size]) =>
    JSON.stringify({
      jsonrpc: "2.0",
      id,
      method: "message/send",
      params: { message: v03Message("x".repeat(size)) },
    }),
  ),
  fc.tuple(ids, sizes, fc.boolean()).map(([id, size, wait]) =>
    JSON.stringify({
      jsonrpc: "2.0",
      id,
      method: "SendMessage",
      params: { message: v1Message("y".repeat(size)), configuration: { returnImmediately: !wait } },
    }),
  ),
  fc.tuple(ids, depths).map(([id, depth]) => {
    const message = JSON.stringify(v03Message("deep")).slice(0, -1);
    return `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"method":"message/send","params":{"message":${message},"metadata":${nestedText(depth)}}}}`;
  }),
  fc
    .tuple(
      ids,
      fc.string({ maxLength: 40 }),
      fc.constantFrom("tasks/get", "tasks/cancel", "GetTask", "CancelTask"),
    )
    .map(([id, taskId, method]) =>
      JSON.stringify({ jsonrpc: "2.0", id, method, params: { id: taskId, historyLength: 2 } }),
    ),
  fc.tuple(ids, fc.string({ maxLength: 36 })).map(([id, taskId]) =>
    JSON.stringify({
      jsonrpc: "2.0",
      id,
      method: "message/send",
      params: { message: v03Message("again", { taskId }) },
    }),
  ),
  ids.map((id) =>
    JSON.stringify({
      jsonrpc: "2.0",
      id,
      method: "ListTasks",
      params: { pageSize: 100, includeArtifacts: true },
    }),
  ),
);

/** JSON-RPC bodies: well-formed, malformed, batches (up to past the bound), scalars, text that is not JSON. */
const bodies: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 4, arbitrary: wellFormed.map((text) => Buffer.from(text)) },
  { weight: 3, arbitrary: requestLike.map((value) => Buffer.from(JSON.stringify(value))) },
  {
    weight: 2,
    arbitrary: fc
      .array(
        fc.oneof(
          wellFormed.filter((v) => JSON.stringify(v).length < 2_000),
          requestLike,
        ),
        { maxLength: 120 },
      )
      .map((items) => Buffer.from(JSON.stringify(items))),
  },
  { weight: 1, arbitrary: fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value) ?? "null")) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 200 }).map((text) => Buffer.from(text)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      Buffer.from(`[${Array(349_000).fill("{}").join(",")}]`),
      Buffer.from("[".repeat(500_000) + "]".repeat(500_000)),
      Buffer.from(
        `{"jsonrpc":"2.0","id":1,"method":"message/send","params":${"[".repeat(1_000)}${"]".repeat(1_000)}}`,
      ),
      Buffer.from("[]"),
      Buffer.from(""),
    ),
  },
);

const targets = fc.oneof(
  fc.constantFrom(
    "/",
    "//",
    "///",
    "/\\",
    "//:0/",
    "//evil.test/x",
    "/.well-known/agent-card.json",
    "/.well-known/agent.json",
    "/internal/schedules",
    "/health",
    "*",
    "http://stub.test/x?y=1",
    "/%ZZ",
    "/a?b=%zz&c",
    "/é",
  ),
  fc.webPath(),
  fc.string({ minLength: 1, maxLength: 20 }).map((s) => `/${s.replace(/[\s]/g, "")}`),
);

const httpMethods = fc.oneof(
  { weight: 6, arbitrary: fc.constant("POST") },
  { weight: 3, arbitrary: fc.constantFrom("GET", "HEAD") },
  {
    weight: 2,
    arbitrary: fc.constantFrom("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "MKCOL", "PURGE"),
  },
);

const headerName = fc
  .stringMatching(/^[a-z][a-z0-9-]{0,15}$/)
  .filter(
    (name) =>
      !["content-length", "transfer-encoding", "host", "expect", "connection", "upgrade"].includes(name),
  );
const headers = fc.record(
  {
    "content-type": fc.constantFrom(
      "application/json",
      "application/json; charset=utf-8",
      "text/plain",
      "application/x-www-form-urlencoded",
    ),
    "a2a-version": fc.constantFrom("0.3", "1.0", "1", "0.3.0", "2.0", "", "abc", "1.0, 0.3"),
    expect: fc.constant("100-continue"),
    extra: fc.dictionary(headerName, fc.stringMatching(/^[\x20-\x7e]{0,40}$/), { maxKeys: 3 }),
  },
  { requiredKeys: [] },
);

/** Bytes that do not parse as an HTTP/1.1 request, each complete so the server can judge it at once. */
const malformed = fc.constantFrom(
  "GET / HTTP/1.1\r\nHost stub\r\n\r\n",
  "GET\r\n\r\n",
  "BREW / HTTP/1.1\r\nHost: x\r\n\r\n",
  "GET / HTTP/9.9\r\nHost: x\r\n\r\n",
  "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n",
  "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
  "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
  "GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n",
  `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
  "GET stub.test:80 HTTP/1.1\r\nHost: x\r\n\r\n",
  "CONNECT stub.test:443 HTTP/1.1\r\nHost: x\r\n\r\n",
);

/** One generated request: mostly HTTP with a JSON-RPC-ish body, sometimes raw malformed bytes. */
export const arbitraryRequest: fc.Arbitrary<RawRequest> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .record({
        method: httpMethods,
        target: targets,
        headers,
        body: bodies,
        chunked: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      })
      .map(({ method, target, headers: { extra, ...named }, body, chunked }) => {
        const withBody = method !== "GET" && method !== "HEAD" ? true : body.length < 100;
        return {
          method,
          target,
          headers: { ...extra, ...named },
          ...(withBody ? { body, chunked } : {}),
        };
      }),
  },
  { weight: 1, arbitrary: malformed.map((raw) => ({ method: "RAW", target: "/", raw })) },
);

/** What was wrong with an answer, by kind; empty when it was right. */
export type Problem = "unanswered" | "exception text" | "wrong JSON-RPC" | "bad status" | "not JSON";

/**
 * Judges one answer: it must exist, have a known status, be JSON (nothing for HEAD), carry no
 * exception text, and on a 200 to a POST be JSON-RPC with codes from the A2A table, -32700 for a
 * body that is not JSON and -32600 for one that is a scalar.
 */
export function judgeAnswer(request: RawRequest, answer: RawAnswer | undefined): Problem | undefined {
  if (answer === undefined) return "unanswered";
  if (EXCEPTION_TEXT.test(answer.body)) return "exception text";
  if (!STATUSES.has(answer.status)) return "bad status";
  if (request.method === "HEAD") return answer.body === "" ? undefined : "not JSON";
  if (answer.headers["content-type"] !== "application/json") return "not JSON";
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return "not JSON";
  }
  if (answer.status !== 200) {
    const envelope = body as { error?: unknown };
    if (typeof envelope.error === "string") return undefined;
    return JsonRpcResponse.safeParse(body).success ? undefined : "wrong JSON-RPC";
  }
  if (request.method !== "POST") return typeof body === "object" && body !== null ? undefined : "not JSON";
  return judgeJsonRpc(request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body), body);
}

function judgeJsonRpc(bytes: Buffer, body: unknown): Problem | undefined {
  const answers = Array.isArray(body) ? body : [body];
  if (answers.length === 0) return "wrong JSON-RPC";
  for (const item of answers) {
    const parsed = JsonRpcResponse.safeParse(item);
    if (!parsed.success) return "wrong JSON-RPC";
    if ("error" in parsed.data && !CODES.has(parsed.data.error.code)) return "wrong JSON-RPC";
  }
  const code = (answers[0] as { error?: { code: number } }).error?.code;
  let request: unknown;
  try {
    request = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    // Not JSON, unless it was refused first for its nesting (or is not UTF-8, also -32700).
    return code === -32700 || code === -32600 ? undefined : "wrong JSON-RPC";
  }
  if (typeof request !== "object" || request === null) return code === -32600 ? undefined : "wrong JSON-RPC";
  return undefined;
}

/** Tally of a run. */
export type FuzzTally = RawFuzzTally<Problem>;

export function emptyTally(): FuzzTally {
  return {
    requests: 0,
    problems: { unanswered: 0, "exception text": 0, "wrong JSON-RPC": 0, "bad status": 0, "not JSON": 0 },
    statuses: {},
    examples: [],
  };
}

/** Sends `requests` over keep-alive connections, judging every answer into `tally` ({@link judgeAnswer}). */
export function runRequests(port: number, requests: RawRequest[], tally: FuzzTally, timeoutMs = 15_000) {
  return runRawRequests(port, requests, tally, judgeAnswer, timeoutMs);
}
