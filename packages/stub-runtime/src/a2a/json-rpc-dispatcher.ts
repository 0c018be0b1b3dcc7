import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import {
  type A2AErrorName,
  buildJsonRpcSuccess,
  JsonRpcId,
  JsonRpcRequest,
  type JsonRpcResponse,
  safeParseContract,
} from "@molecule-ctk/contract";
import { StubRuntimeError } from "../stub-runtime-error.js";
import { jsonTextNestsDeeperThan, valueNestsDeeperThan } from "./json-depth.js";

/** A JSON-RPC method: gets the request's `params` (unchecked) and resolves the `result`, or throws a {@link JsonRpcMethodError}. */
export type JsonRpcMethod = (params: unknown, request: JsonRpcRequest) => Promise<unknown>;

/** A method's refusal with a JSON-RPC / A2A error code (any other throw becomes -32603). */
export class JsonRpcMethodError extends StubRuntimeError {
  readonly code: A2AErrorName;
  readonly detail: string | undefined;
  /** Machine-readable context (A2A v1.0 puts it in the ErrorInfo's metadata), e.g. `{ taskId }`. */
  readonly metadata: Readonly<Record<string, string>>;

  constructor(code: A2AErrorName, detail?: string, metadata: Record<string, string> = {}) {
    super(`[stub-runtime] ${code}${detail === undefined ? "" : `: ${detail}`}`);
    this.code = code;
    this.detail = detail;
    this.metadata = metadata;
  }
}

/** The options of a dialect's error builder. */
export interface DialectErrorOptions {
  id?: JsonRpcId;
  detail?: string;
  metadata?: Readonly<Record<string, string>>;
}

/** One protocol's JSON-RPC: its methods and how it shapes errors (A2A v0.3 and v1.0 differ in `error.data`). */
export interface JsonRpcDialect {
  readonly methods: ReadonlyMap<string, JsonRpcMethod>;
  error(name: A2AErrorName, options?: DialectErrorOptions): JsonRpcResponse;
}

/** Chooses, per request, which dialect answers. */
export interface JsonRpcRouter {
  /** Answers what has no method to go by: bodies that do not parse, bad batches, invalid request objects. */
  readonly envelope: JsonRpcDialect;
  /** The dialect that serves a method. */
  dialectFor(method: string): JsonRpcDialect;
  /** When set, every request is refused with this answer instead (e.g. an unsupported A2A-Version). */
  readonly refuse?: (id: JsonRpcId) => JsonRpcResponse;
}

/** What one JSON-RPC body may cost: each bound is refused with -32600 or -32602, never -32603. */
export interface JsonRpcLimits {
  /** Requests in one batch (default 100); a longer batch gets one -32600 and runs nothing. */
  maxBatchItems: number;
  /** Bytes of answers one batch collects (default 16 MiB); the items after it are not run (-32600 each). */
  maxBatchAnswerBytes: number;
  /** Nesting of the whole body (default 256 levels); deeper is -32600 before parsing. */
  maxBodyDepth: number;
  /** Nesting of one request's `params` (default 64 levels); deeper is -32602. */
  maxParamsDepth: number;
}

/** The defaults of {@link JsonRpcLimits}. */
export const JSON_RPC_LIMITS: Readonly<JsonRpcLimits> = {
  maxBatchItems: 100,
  maxBatchAnswerBytes: 16 * 1024 * 1024,
  maxBodyDepth: 256,
  maxParamsDepth: 64,
};

type OnFault = (error: unknown, method: string) => void;

/**
 * Answers a JSON-RPC 2.0 body: one response, or an array for a batch. Never throws: an unexpected
 * fault in a method becomes -32603 and is passed to `onFault`. A batch runs its requests one after
 * another, giving the event loop a turn between them, so heartbeats and other requests go on.
 *
 * A request without an `id` is answered too, with `id: null`, where JSON-RPC 2.0 would send nothing
 * for a notification: A2A defines no client notifications, and the official SDKs and the A2A
 * compatibility kit answer (and expect answers to) id-less requests the same way.
 */
export async function dispatchJsonRpc(
  text: string,
  router: JsonRpcRouter,
  onFault: OnFault = () => {},
  limits: JsonRpcLimits = JSON_RPC_LIMITS,
): Promise<JsonRpcResponse | JsonRpcResponse[]> {
  if (jsonTextNestsDeeperThan(text, limits.maxBodyDepth)) {
    return router.envelope.error("InvalidRequest", {
      detail: `the body nests deeper than ${limits.maxBodyDepth} levels: flatten it`,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return router.envelope.error("ParseError", { detail: "the body is not valid JSON" });
  }
  if (!Array.isArray(body)) return answerOne(body, router, onFault, limits);
  if (body.length === 0) return router.envelope.error("InvalidRequest", { detail: "empty batch" });
  if (body.length > limits.maxBatchItems) {
    return router.envelope.error("InvalidRequest", {
      detail: `a batch of ${body.length} requests: send at most ${limits.maxBatchItems} per batch`,
    });
  }
  if (router.refuse) return router.refuse(null);
  const answers: JsonRpcResponse[] = [];
  let bytes = 0;
  for (const item of body) {
    if (answers.length > 0) await yieldToEventLoop();
    if (bytes > limits.maxBatchAnswerBytes) {
      answers.push(
        router.envelope.error("InvalidRequest", {
          id: readableId(item),
          detail: `not run: the batch's answers passed ${limits.maxBatchAnswerBytes} bytes, send the rest in another batch`,
        }),
      );
      continue;
    }
    const answer = await answerOne(item, router, onFault, limits);
    bytes += Buffer.byteLength(JSON.stringify(answer));
    answers.push(answer);
  }
  return answers;
}

async function answerOne(
  value: unknown,
  router: JsonRpcRouter,
  onFault: OnFault,
  limits: JsonRpcLimits,
): Promise<JsonRpcResponse> {
  const checked = safeParseContract(JsonRpcRequest, value, "request");
  if (!checked.ok) {
    if (hasBadId(value)) {
      return router.envelope.error("InvalidRequest", {
        detail: "request: id: must be a string, a number or null",
      });
    }
    return router.envelope.error("InvalidRequest", { id: readableId(value), detail: checked.error.message });
  }
  const request = checked.value;
  const id = request.id ?? null;
  if (router.refuse) return router.refuse(id);
  const dialect = router.dialectFor(request.method);
  const method = dialect.methods.get(request.method);
  if (method === undefined) return dialect.error("MethodNotFound", { id, detail: request.method });
  if (valueNestsDeeperThan(request.params, limits.maxParamsDepth)) {
    return dialect.error("InvalidParams", {
      id,
      detail: `${request.method} params nest deeper than ${limits.maxParamsDepth} levels: flatten them`,
    });
  }
  try {
    return buildJsonRpcSuccess(id, (await method(request.params, request)) ?? null);
  } catch (error) {
    if (error instanceof JsonRpcMethodError) {
      return dialect.error(error.code, {
        id,
        metadata: error.metadata,
        ...(error.detail === undefined ? {} : { detail: error.detail }),
      });
    }
    onFault(error, request.method);
    return dialect.error("InternalError", { id });
  }
}

function hasBadId(value: unknown): boolean {
  return (
    typeof value === "object" && value !== null && "id" in value && !JsonRpcId.safeParse(value.id).success
  );
}

/** The id of an invalid request when it can be read (string, number or null), else null. */
function readableId(value: unknown): JsonRpcId {
  if (typeof value !== "object" || value === null || !("id" in value)) return null;
  const id = safeParseContract(JsonRpcId, value.id, "id");
  return id.ok ? id.value : null;
}
