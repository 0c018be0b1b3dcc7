import {
  type ContractParseResult,
  HeartbeatRequest,
  HeartbeatResponse,
  parseContract,
  RegisterRequest,
  RegisterResponse,
  safeParseContract,
} from "@molecule-ctk/contract";

/** The outcome of one platform call; it never throws for HTTP or network trouble. */
export type PlatformCallResult<T> =
  /** 200 with a body that satisfies the contract. */
  | { kind: "ok"; status: 200; body: T; raw: unknown }
  /** 200 whose body breaks the contract; `problem` names the field. */
  | { kind: "violation"; status: 200; problem: string; raw: unknown }
  /** Any other HTTP status. */
  | { kind: "http"; status: number; text: string }
  /** No HTTP answer: refused, reset, DNS, or the request timeout. */
  | { kind: "network"; problem: string }
  /** The runtime is shutting down. */
  | { kind: "aborted" };

/** How to reach the platform. */
export interface PlatformClientOptions {
  platformUrl: string;
  requestTimeoutMs: number;
  /** Aborts every call in flight (shutdown). */
  signal: AbortSignal;
  /** Defaults to the global fetch, looked up on each call. */
  fetch?: typeof fetch;
}

/** POSTs register and heartbeat bodies to the platform; bodies are checked with the contract both ways. */
export class PlatformClient {
  readonly #options: PlatformClientOptions;

  constructor(options: PlatformClientOptions) {
    this.#options = options;
  }

  /** `POST /registry/register` (contract 4). */
  register(body: RegisterRequest, token: string | undefined): Promise<PlatformCallResult<RegisterResponse>> {
    const checked = parseContract(RegisterRequest, body, "[stub-runtime] register request");
    return this.#post("/registry/register", checked, token, (raw) =>
      safeParseContract(RegisterResponse, raw, "register response"),
    );
  }

  /** `POST /registry/heartbeat` (contract 5). */
  heartbeat(
    body: HeartbeatRequest,
    token: string | undefined,
  ): Promise<PlatformCallResult<HeartbeatResponse>> {
    const checked = parseContract(HeartbeatRequest, body, "[stub-runtime] heartbeat request");
    return this.#post("/registry/heartbeat", checked, token, (raw) =>
      safeParseContract(HeartbeatResponse, raw, "heartbeat response"),
    );
  }

  async #post<T>(
    path: string,
    body: unknown,
    token: string | undefined,
    check: (raw: unknown) => ContractParseResult<T>,
  ): Promise<PlatformCallResult<T>> {
    const { platformUrl, requestTimeoutMs, signal } = this.#options;
    if (signal.aborted) return { kind: "aborted" };
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (token !== undefined) headers["authorization"] = `Bearer ${token}`;
    const doFetch = this.#options.fetch ?? globalThis.fetch;
    const timeout = AbortSignal.timeout(requestTimeoutMs);
    let status: number;
    let text: string;
    try {
      const response = await doFetch(`${platformUrl}${path}`, {
        method: "POST",
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.any([signal, timeout]),
        redirect: "manual",
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      if (signal.aborted) return { kind: "aborted" };
      if (timeout.aborted) return { kind: "network", problem: `no answer within ${requestTimeoutMs} ms` };
      return { kind: "network", problem: describeFetchError(error) };
    }
    if (status !== 200) return { kind: "http", status, text };
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return { kind: "violation", status, problem: `${path} answered 200 with a body that is not JSON`, raw };
    }
    const parsed = check(raw);
    if (parsed.ok) return { kind: "ok", status, body: parsed.value, raw };
    return { kind: "violation", status, problem: parsed.error.message, raw };
  }
}

/** `fetch failed (ECONNREFUSED)`: the message plus the code or message of its cause. */
export function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const detail = cause?.code ?? cause?.message;
  return typeof detail === "string" && detail !== "" ? `${error.message} (${detail})` : error.message;
}
