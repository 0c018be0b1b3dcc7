import { z } from "zod";
import { A2AErrorCodes, type A2AErrorName } from "../error-codes.js";
import { JsonRpcId } from "../json-rpc.js";

/** The `@type` of `google.rpc.ErrorInfo` in ProtoJSON `Any` form. */
export const ERROR_INFO_TYPE = "type.googleapis.com/google.rpc.ErrorInfo";

/** The `ErrorInfo.domain` of every A2A error. */
export const A2A_ERROR_DOMAIN = "a2a-protocol.org";

/** One object of a v1.0 `error.data` array: any detail, tagged by `@type`. */
export const V1ErrorDetail = z
  .looseObject({ "@type": z.string().min(1).describe(`The detail's type URL, e.g. "${ERROR_INFO_TYPE}".`) })
  .describe("One detail of the error, tagged by @type.");
export type V1ErrorDetail = z.infer<typeof V1ErrorDetail>;

/** `google.rpc.ErrorInfo`, the detail A2A v1.0 errors carry. */
export const V1ErrorInfo = z
  .looseObject({
    "@type": z.literal(ERROR_INFO_TYPE).describe(`"${ERROR_INFO_TYPE}".`),
    reason: z
      .string()
      .min(1)
      .describe('The error\'s reason, a constant in UPPER_SNAKE_CASE, e.g. "TASK_NOT_FOUND".'),
    domain: z.string().min(1).describe(`Who defines the reason: "${A2A_ERROR_DOMAIN}" for A2A errors.`),
    metadata: z
      .record(z.string(), z.string())
      .optional()
      .describe("Facts about this occurrence, as strings."),
  })
  .describe("A google.rpc.ErrorInfo: the error's reason and domain.");
export type V1ErrorInfo = z.infer<typeof V1ErrorInfo>;

/** A v1.0 JSON-RPC error response: `error.data`, when present, is an array of `@type`d details. */
export const V1JsonRpcErrorResponse = z
  .object({
    jsonrpc: z.literal("2.0").describe('The JSON-RPC version, "2.0".'),
    id: JsonRpcId.describe("The request's id, or null when it could not be read."),
    error: z
      .object({
        code: z.int().describe("The error code (JSON-RPC's -32700..-32600 range, A2A's -32001..-32009)."),
        message: z.string().describe("A short description of the error."),
        data: z.array(V1ErrorDetail).optional().describe("Typed details of the error, e.g. an ErrorInfo."),
      })
      .describe("The error."),
  })
  .describe("An A2A v1.0 JSON-RPC error, its details typed by @type.");
export type V1JsonRpcErrorResponse = z.infer<typeof V1JsonRpcErrorResponse>;

/**
 * A v1.0 JSON-RPC error from a code name: the table's code and message (followed by the detail, as
 * v0.3 errors have it), and an ErrorInfo with the table's reason and the given metadata.
 */
export function buildV1JsonRpcError(
  name: A2AErrorName,
  options: { id?: JsonRpcId; detail?: string; metadata?: Record<string, string> } = {},
): V1JsonRpcErrorResponse {
  const entry = A2AErrorCodes[name];
  const info: V1ErrorInfo = {
    "@type": ERROR_INFO_TYPE,
    reason: entry.reason,
    domain: A2A_ERROR_DOMAIN,
    ...(options.metadata && Object.keys(options.metadata).length > 0 ? { metadata: options.metadata } : {}),
  };
  return {
    jsonrpc: "2.0",
    id: options.id ?? null,
    error: {
      code: entry.code,
      message: options.detail ? `${entry.message}: ${options.detail}` : entry.message,
      data: [info],
    },
  };
}
