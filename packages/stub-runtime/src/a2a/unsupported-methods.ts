import type { A2AErrorName } from "@molecule-ctk/contract";
import { type JsonRpcMethod, JsonRpcMethodError } from "./json-rpc-dispatcher.js";

/** The methods of the capabilities the stub's card declares false, by capability. */
export interface UnsupportedMethodNames {
  streaming: readonly string[];
  pushNotifications: readonly string[];
  extendedCard: { method: string; error: A2AErrorName };
}

/**
 * Known A2A methods the stub does not serve, each answering with the error A2A gives for a capability
 * the card does not declare (v1.0 section 3.3.4): streaming -32004, push notifications -32003, the
 * extended card -32004 in v1.0 and -32007 in v0.3. Unknown methods stay -32601.
 */
export function unsupportedMethods(names: UnsupportedMethodNames): Array<[string, JsonRpcMethod]> {
  const refuse = (method: string, code: A2AErrorName, why: string): [string, JsonRpcMethod] => [
    method,
    async () => {
      throw new JsonRpcMethodError(code, `${method}: ${why}`);
    },
  ];
  return [
    ...names.streaming.map((method) =>
      refuse(method, "UnsupportedOperation", "this agent does not stream (capabilities.streaming is false)"),
    ),
    ...names.pushNotifications.map((method) =>
      refuse(method, "PushNotificationNotSupported", "capabilities.pushNotifications is false"),
    ),
    refuse(names.extendedCard.method, names.extendedCard.error, "this agent has no extended agent card"),
  ];
}
