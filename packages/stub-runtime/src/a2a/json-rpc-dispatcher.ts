import {
  type A2AErrorName,
  buildJsonRpcError,
  buildJsonRpcSuccess,
  JsonRpcId,
  JsonRpcRequest,
  type JsonRpcResponse,
  safeParseContract,
} from "@molecule-ctk/contract";
import { StubRuntimeError } from "../stub-runtime-error.js";

/** A JSON-RPC method: gets the request's `params` (unchecked) and resolves the `result`, or throws a {@link JsonRpcMethodError}. */
export type JsonRpcMethod = (params: unknown, request: JsonRpcRequest) => Promise<unknown>;

/** A method's refusal with a JSON-RPC / A2A error code (any other throw becomes -32603). */
export class JsonRpcMethodError extends StubRuntimeError {
  readonly code: A2AErrorName;
  readonly detail: string | undefined;

  constructor(code: A2AErrorName, detail?: string) {
    super(`[stub-runtime] ${code}${detail === undefined ? "" : `: ${detail}`}`);
    this.code = code;
    this.detail = detail;
  }
}

/**
 * Answers a JSON-RPC 2.0 body: one response, an array for a batch, or undefined when nothing is to be
 * sent (a notification, or a batch of notifications). Never throws: an unexpected fault in a method
 * becomes -32603 and is passed to `onFault`.
 */
export async function dispatchJsonRpc(
  text: string,
  methods: ReadonlyMap<string, JsonRpcMethod>,
  onFault: (error: unknown, method: string) => void = () => {},
): Promise<JsonRpcResponse | JsonRpcResponse[] | undefined> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return buildJsonRpcError("ParseError", { detail: (error as Error).message });
  }
  if (!Array.isArray(body)) return answerOne(body, methods, onFault);
  if (body.length === 0) return buildJsonRpcError("InvalidRequest", { detail: "empty batch" });
  const answers = await Promise.all(body.map((item) => answerOne(item, methods, onFault)));
  const sent = answers.filter((answer) => answer !== undefined);
  return sent.length === 0 ? undefined : sent;
}

async function answerOne(
  value: unknown,
  methods: ReadonlyMap<string, JsonRpcMethod>,
  onFault: (error: unknown, method: string) => void,
): Promise<JsonRpcResponse | undefined> {
  const checked = safeParseContract(JsonRpcRequest, value, "request");
  if (!checked.ok) {
    if (hasBadId(value)) {
      return buildJsonRpcError("InvalidRequest", {
        detail: "request: id: must be a string, a number or null",
      });
    }
    return buildJsonRpcError("InvalidRequest", { id: readableId(value), detail: checked.error.message });
  }
  const request = checked.value;
  // A request object without an `id` member is a notification: it is run, never answered.
  const notification = !Object.hasOwn(value as object, "id");
  const id = request.id ?? null;
  const method = methods.get(request.method);
  let answer: JsonRpcResponse;
  if (method === undefined) {
    answer = buildJsonRpcError("MethodNotFound", { id, detail: request.method });
  } else {
    try {
      answer = buildJsonRpcSuccess(id, (await method(request.params, request)) ?? null);
    } catch (error) {
      if (error instanceof JsonRpcMethodError) {
        answer = buildJsonRpcError(error.code, {
          id,
          ...(error.detail === undefined ? {} : { detail: error.detail }),
        });
      } else {
        onFault(error, request.method);
        answer = buildJsonRpcError("InternalError", { id });
      }
    }
  }
  return notification ? undefined : answer;
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
