/**
 * JSON-RPC 2.0 and A2A error codes with their names, default messages and the `google.rpc.ErrorInfo`
 * reason A2A v1.0 puts in `error.data`: the ONE table that maps an error to a wire code (contract 11).
 * -32008 and -32009 are new in v1.0; the others mean the same in v0.3 and v1.0.
 */
export const A2AErrorCodes = {
  ParseError: { code: -32700, message: "parse error", reason: "PARSE_ERROR" },
  InvalidRequest: { code: -32600, message: "invalid request", reason: "INVALID_REQUEST" },
  MethodNotFound: { code: -32601, message: "method not found", reason: "METHOD_NOT_FOUND" },
  InvalidParams: { code: -32602, message: "invalid params", reason: "INVALID_PARAMS" },
  InternalError: { code: -32603, message: "internal error", reason: "INTERNAL_ERROR" },
  TaskNotFound: { code: -32001, message: "task not found", reason: "TASK_NOT_FOUND" },
  TaskNotCancelable: { code: -32002, message: "task cannot be canceled", reason: "TASK_NOT_CANCELABLE" },
  PushNotificationNotSupported: {
    code: -32003,
    message: "push notifications are not supported",
    reason: "PUSH_NOTIFICATION_NOT_SUPPORTED",
  },
  UnsupportedOperation: {
    code: -32004,
    message: "this operation is not supported",
    reason: "UNSUPPORTED_OPERATION",
  },
  ContentTypeNotSupported: {
    code: -32005,
    message: "incompatible content types",
    reason: "CONTENT_TYPE_NOT_SUPPORTED",
  },
  InvalidAgentResponse: { code: -32006, message: "invalid agent response", reason: "INVALID_AGENT_RESPONSE" },
  AuthenticatedExtendedCardNotConfigured: {
    code: -32007,
    message: "authenticated extended card is not configured",
    reason: "EXTENDED_AGENT_CARD_NOT_CONFIGURED",
  },
  ExtensionSupportRequired: {
    code: -32008,
    message: "extension support is required",
    reason: "EXTENSION_SUPPORT_REQUIRED",
  },
  VersionNotSupported: {
    code: -32009,
    message: "A2A protocol version not supported",
    reason: "VERSION_NOT_SUPPORTED",
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
