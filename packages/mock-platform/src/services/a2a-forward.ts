import { bypass } from "msw";
import { readStreamCapped } from "../http/request-body.js";
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
}

const TIMEOUT_CODES = new Set(["ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT"]);
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED"]);

/** Maps a fetch rejection to a contract class: refused, timeout, reset/EOF, or other. */
export function classifyTransportError(error: unknown): TransportFailure {
  const err = error as { name?: string; cause?: { code?: string; errors?: Array<{ code?: string }> } };
  if (err?.name === "TimeoutError" || err?.name === "AbortError") return "timeout";
  const code = err?.cause?.code ?? err?.cause?.errors?.[0]?.code;
  if (code === "ECONNREFUSED") return "refused";
  if (code !== undefined && TIMEOUT_CODES.has(code)) return "timeout";
  if (code !== undefined && RESET_CODES.has(code)) return "reset";
  return "other";
}

/**
 * POSTs the envelope to the agent URL as is (no path appended, redirects not followed; contract 7.5).
 * No caller header is forwarded but `A2A-Version`, so an agent answers in the version its caller
 * speaks. It goes through msw's `bypass()`, so a mock platform running in-process under
 * `setupServer` still reaches the real agent instead of its own handlers.
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
  try {
    let response: Response;
    try {
      response = await raceDeadline(
        fetch(
          bypass(url, {
            method: "POST",
            headers,
            body: JSON.stringify(envelope),
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
      const maxBytes = options.maxResponseBytes ?? MAX_A2A_RESPONSE_BYTES;
      const read = await raceDeadline(readStreamCapped(response.body, maxBytes), deadline);
      if (read.tooLarge)
        return { kind: "read-failed", status: response.status, message: "too large", truncated: true };
      return { kind: "response", status: response.status, text: read.text };
    } catch (error) {
      response.body?.cancel().catch(() => {});
      return { kind: "read-failed", status: response.status, message: describe(error), truncated: false };
    }
  } finally {
    deadline?.clear();
  }
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
