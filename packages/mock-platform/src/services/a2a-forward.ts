import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { bypass } from "msw";
import { readStreamCapped } from "../http/request-body.js";
import type { AgentTransport } from "../options.js";
import type { A2AEnvelope } from "./a2a-normalize.js";

/** How a forward failed before a response arrived (contract 7.7 classes). */
export type TransportFailure = "refused" | "timeout" | "reset" | "other";

export type ForwardOutcome =
  | { kind: "response"; status: number; text: string }
  | { kind: "read-failed"; status: number; message: string; truncated: boolean }
  | { kind: "transport"; failure: TransportFailure; message: string };

/** The largest agent answer the proxy reads (`maxProxyResponseBody`, 64 MiB). */
export const MAX_A2A_RESPONSE_BYTES = 64 * 1024 * 1024;

/** The caller headers the proxy passes on to the agent; a queued request keeps them for its dispatch. */
export interface ForwardedHeaders {
  /** The caller's `A2A-Version` header, passed on untouched (the one caller header forwarded). */
  a2aVersion?: string;
}

export interface ForwardOptions extends ForwardedHeaders {
  /** `X-Timeout`: a total deadline; undefined means none (Node's own 10 s connect timeout still applies). */
  timeoutMs?: number;
  /** `Authorization: Bearer <platform_inbound_secret>` for external targets or always-auth. */
  bearer?: string;
  /** Default {@link MAX_A2A_RESPONSE_BYTES}. */
  maxResponseBytes?: number;
  /** Default `fetch`; see `MockPlatformOptions.agentTransport`. */
  transport?: AgentTransport;
}

const TIMEOUT_CODES = new Set(["ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT"]);
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED"]);

/**
 * Maps a transport error to a contract class: refused, timeout, reset/EOF, or other. A fetch
 * rejection carries the socket's code in its cause (in an AggregateError's first error when every
 * address failed); a node:http error carries it itself.
 */
export function classifyTransportError(error: unknown): TransportFailure {
  const err = error as {
    name?: string;
    code?: string;
    errors?: Array<{ code?: string }>;
    cause?: { code?: string; errors?: Array<{ code?: string }> };
  };
  if (err?.name === "TimeoutError" || err?.name === "AbortError") return "timeout";
  const code = err?.code ?? err?.errors?.[0]?.code ?? err?.cause?.code ?? err?.cause?.errors?.[0]?.code;
  if (code === "ECONNREFUSED") return "refused";
  if (code !== undefined && TIMEOUT_CODES.has(code)) return "timeout";
  if (code !== undefined && RESET_CODES.has(code)) return "reset";
  return "other";
}

/**
 * POSTs the envelope to the agent URL as is (no path appended, redirects not followed; contract 7.5).
 * No caller header is forwarded but `A2A-Version`, so an agent answers in the version its caller
 * speaks. With the `fetch` transport it goes through msw's `bypass()`, so a mock platform running
 * in-process under `setupServer` still reaches the real agent instead of its own handlers; with
 * `node-http` it goes through a keep-alive `node:http` agent (see {@link forwardOverNodeHttp}).
 */
export async function forwardToAgent(
  url: string,
  envelope: A2AEnvelope,
  options: ForwardOptions = {},
): Promise<ForwardOutcome> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.a2aVersion !== undefined) headers["a2a-version"] = options.a2aVersion;
  // The deadline is our own timer raced against the call, not only a signal handed to fetch:
  // undici's Request follows its init signal through a weak reference, and after a garbage
  // collection an abort no longer reaches it (nodejs/undici#4068), which left a hanging agent
  // holding the proxy past its X-Timeout. The signal still goes along, to free the socket.
  const deadline = options.timeoutMs === undefined ? undefined : startDeadline(options.timeoutMs);
  const call: AgentCall = {
    url,
    headers,
    body: JSON.stringify(envelope),
    maxBytes: options.maxResponseBytes ?? MAX_A2A_RESPONSE_BYTES,
    deadline,
  };
  try {
    return options.transport === "node-http" ? await forwardOverNodeHttp(call) : await forwardOverFetch(call);
  } finally {
    deadline?.clear();
  }
}

/** One call to an agent, as both transports make it. */
interface AgentCall {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Bytes of the answer read at most. */
  maxBytes: number;
  deadline: Deadline | undefined;
}

async function forwardOverFetch({
  url,
  headers,
  body,
  maxBytes,
  deadline,
}: AgentCall): Promise<ForwardOutcome> {
  let response: Response;
  try {
    response = await raceDeadline(
      fetch(
        bypass(url, {
          method: "POST",
          headers,
          body,
          redirect: "manual",
          ...(deadline ? { signal: deadline.signal } : {}),
        }),
      ),
      deadline,
    );
  } catch (error) {
    return { kind: "transport", failure: classifyTransportError(error), message: describe(error) };
  }
  try {
    const read = await raceDeadline(readStreamCapped(response.body, maxBytes), deadline);
    if (read.tooLarge)
      return { kind: "read-failed", status: response.status, message: "too large", truncated: true };
    return { kind: "response", status: response.status, text: read.text };
  } catch (error) {
    response.body?.cancel().catch(() => {});
    return { kind: "read-failed", status: response.status, message: describe(error), truncated: false };
  }
}

/** The `node-http` transport's bounds, matching what undici's fetch applies by default. */
export const NODE_HTTP_FORWARD_LIMITS = {
  /** Time to open the connection. */
  connectTimeoutMs: 10_000,
  /** Time without a byte once connected, waiting for the headers or within the body. */
  idleTimeoutMs: 300_000,
  /** How long an idle keep-alive connection is kept (shorter when the agent's `Keep-Alive` hint is). */
  keepAliveMs: 4_000,
} as const;

const keepAlive = { keepAlive: true, timeout: NODE_HTTP_FORWARD_LIMITS.keepAliveMs };
const httpAgent = new HttpAgent(keepAlive);
const httpsAgent = new HttpsAgent(keepAlive);

/**
 * The `node-http` transport: one `node:http` request over a keep-alive agent, the body read as
 * buffers. It skips the fetch Request, web streams and msw's bypass copy, which were a third of the
 * proxy's time; msw intercepts it like any request, so it is for processes where msw is not listening.
 */
function forwardOverNodeHttp({ url, headers, body, maxBytes, deadline }: AgentCall): Promise<ForwardOutcome> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch (error) {
      resolve({ kind: "transport", failure: "other", message: describe(error) });
      return;
    }
    const secure = target.protocol === "https:";
    const payload = Buffer.from(body);
    let status: number | undefined;
    let settled = false;
    const settle = (outcome: ForwardOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const fail = (error: unknown) => {
      // A ForwardTimeoutError and the deadline's are both named TimeoutError: classified "timeout".
      const failure = classifyTransportError(error);
      if (status === undefined) settle({ kind: "transport", failure, message: describe(error) });
      else settle({ kind: "read-failed", status, message: describe(error), truncated: false });
    };
    const req = (secure ? httpsRequest : httpRequest)(target, {
      method: "POST",
      agent: secure ? httpsAgent : httpAgent,
      headers: { ...headers, "content-length": String(payload.length) },
    });
    req.setTimeout(NODE_HTTP_FORWARD_LIMITS.connectTimeoutMs, () =>
      req.destroy(new ForwardTimeoutError("the agent did not answer in time")),
    );
    req.on("socket", (socket) => {
      const connected = () => req.setTimeout(NODE_HTTP_FORWARD_LIMITS.idleTimeoutMs);
      if (socket.connecting) socket.once("connect", connected);
      else connected();
    });
    req.on("error", fail);
    req.on("response", (res) => {
      status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          settle({ kind: "read-failed", status: status!, message: "too large", truncated: true });
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on("end", () =>
        settle({ kind: "response", status: status!, text: Buffer.concat(chunks).toString("utf8") }),
      );
      res.on("error", fail);
      res.on("close", () => {
        if (!res.complete) fail(new Error("the agent closed the connection within its answer"));
      });
    });
    deadline?.expired.catch((error: unknown) => {
      fail(error);
      req.destroy();
    });
    req.end(payload);
  });
}

/** A connect or idle timeout of the `node-http` transport. */
class ForwardTimeoutError extends Error {
  override readonly name = "TimeoutError";
}

interface Deadline {
  signal: AbortSignal;
  /** Rejects with a TimeoutError when the time is up. */
  expired: Promise<never>;
  clear(): void;
}

function startDeadline(ms: number): Deadline {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const reason = new DOMException("The operation was aborted due to timeout", "TimeoutError");
      controller.abort(reason);
      reject(reason);
    }, ms);
  });
  expired.catch(() => {}); // observed by raceDeadline; never an unhandled rejection
  return { signal: controller.signal, expired, clear: () => clearTimeout(timer) };
}

function raceDeadline<T>(work: Promise<T>, deadline: Deadline | undefined): Promise<T> {
  return deadline ? Promise.race([work, deadline.expired]) : work;
}

function describe(error: unknown): string {
  const err = error as { message?: string; cause?: { message?: string } };
  return [err?.message, err?.cause?.message].filter(Boolean).join(": ") || String(error);
}

/** `X-Timeout: <seconds>` as milliseconds, read as Go's `strconv.Atoi`: an integer > 0, else no deadline. */
export function parseXTimeout(header: string | null): number | undefined {
  if (header === null || !/^[+-]?\d+$/.test(header)) return undefined;
  const seconds = Number(header);
  return seconds > 0 ? seconds * 1000 : undefined;
}
