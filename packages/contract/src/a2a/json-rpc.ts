import { z } from "zod";

/** A JSON-RPC 2.0 id: string, number or null. Objects and arrays are invalid. */
export const JsonRpcId = z
  .union([z.string(), z.number(), z.null()])
  .describe("The JSON-RPC id: a string, a number or null.");
export type JsonRpcId = z.infer<typeof JsonRpcId>;

/** `params` is a structured value: an object or an array (JSON-RPC 2.0, section 4.2). */
export const JsonRpcParams = z
  .union([z.record(z.string(), z.unknown()), z.array(z.unknown())])
  .describe("The method's parameters: an object or an array.");
export type JsonRpcParams = z.infer<typeof JsonRpcParams>;

/**
 * A JSON-RPC 2.0 request object. Without an `id` member it is a notification, which gets no
 * response. Extra members are tolerated (a2a-js and a2a-python tolerate them).
 */
export const JsonRpcRequest = z
  .object({
    jsonrpc: z.literal("2.0").describe('The JSON-RPC version, "2.0".'),
    method: z.string().describe("The method to call, e.g. message/send."),
    params: JsonRpcParams.optional(),
    id: JsonRpcId.optional().describe("The request id; without one the request is a notification."),
  })
  .describe("A JSON-RPC 2.0 request; without an id it is a notification.");
export type JsonRpcRequest = z.infer<typeof JsonRpcRequest>;

/** True when the request has no `id` member, i.e. is a notification. */
export function isNotification(request: JsonRpcRequest): boolean {
  return !Object.hasOwn(request, "id");
}

/** The `error` member of a JSON-RPC error response. */
export const JsonRpcErrorObject = z
  .object({
    code: z.int().describe("The error code (JSON-RPC's -32700..-32600 range, A2A's -32001..-32009)."),
    message: z.string().describe("A short description of the error."),
    data: z.unknown().optional().describe("Extra information about the error."),
  })
  .describe("The error of a JSON-RPC error response.");
export type JsonRpcErrorObject = z.infer<typeof JsonRpcErrorObject>;

/** A JSON-RPC 2.0 error response; `id` is null when the request's id could not be read. */
export const JsonRpcErrorResponse = z
  .object({
    jsonrpc: z.literal("2.0").describe('The JSON-RPC version, "2.0".'),
    id: JsonRpcId.describe("The request's id, or null when it could not be read."),
    error: JsonRpcErrorObject,
  })
  .describe("A JSON-RPC 2.0 error response.");
export type JsonRpcErrorResponse = z.infer<typeof JsonRpcErrorResponse>;

/** A JSON-RPC 2.0 success response with a typed `result`. */
export function jsonRpcSuccess<R extends z.ZodType>(result: R) {
  return z
    .object({
      jsonrpc: z.literal("2.0").describe('The JSON-RPC version, "2.0".'),
      id: JsonRpcId.describe("The request's id."),
      result: result.describe(result.description ?? "The method's result."),
    })
    .describe("A JSON-RPC 2.0 success response.");
}

/** A JSON-RPC 2.0 success response with any result. */
export const JsonRpcSuccessResponse = jsonRpcSuccess(z.unknown());
export type JsonRpcSuccessResponse = z.infer<typeof JsonRpcSuccessResponse>;

/** Any JSON-RPC 2.0 response. */
export const JsonRpcResponse = z
  .union([JsonRpcErrorResponse, JsonRpcSuccessResponse])
  .describe("A JSON-RPC 2.0 response: success or error.");
export type JsonRpcResponse = z.infer<typeof JsonRpcResponse>;
