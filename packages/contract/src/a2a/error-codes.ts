/**
 * JSON-RPC 2.0 and A2A v0.3 error codes with their names and default messages: the ONE table that
 * maps an error to a wire code (contract 11).
 */
export const A2AErrorCodes = {
  ParseError: { code: -32700, message: "parse error" },
  InvalidRequest: { code: -32600, message: "invalid request" },
  MethodNotFound: { code: -32601, message: "method not found" },
  InvalidParams: { code: -32602, message: "invalid params" },
  InternalError: { code: -32603, message: "internal error" },
  TaskNotFound: { code: -32001, message: "task not found" },
  TaskNotCancelable: { code: -32002, message: "task cannot be canceled" },
  PushNotificationNotSupported: { code: -32003, message: "push notifications are not supported" },
  UnsupportedOperation: { code: -32004, message: "this operation is not supported" },
  ContentTypeNotSupported: { code: -32005, message: "incompatible content types" },
  InvalidAgentResponse: { code: -32006, message: "invalid agent response" },
  AuthenticatedExtendedCardNotConfigured: {
    code: -32007,
    message: "authenticated extended card is not configured",
  },
} as const;

export type A2AErrorName = keyof typeof A2AErrorCodes;
export type A2AErrorCode = (typeof A2AErrorCodes)[A2AErrorName]["code"];

/** The name of a known code (`-32601` → `MethodNotFound`), or `undefined`. */
export function a2aErrorName(code: number): A2AErrorName | undefined {
  for (const [name, entry] of Object.entries(A2AErrorCodes)) {
    if (entry.code === code) return name as A2AErrorName;
  }
  return undefined;
}
