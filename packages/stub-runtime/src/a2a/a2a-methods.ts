import {
  buildJsonRpcError,
  type ContractParseResult,
  MessageSendParams,
  safeParseContract,
  TaskIdParams,
  TaskQueryParams,
} from "@molecule-ctk/contract";
import type { A2AService } from "./a2a-service.js";
import { type JsonRpcDialect, type JsonRpcMethod, JsonRpcMethodError } from "./json-rpc-dispatcher.js";
import { unsupportedMethods } from "./unsupported-methods.js";

/**
 * The A2A v0.3 methods of the stub: `message/send` (a `taskId` continues that task), `tasks/get`,
 * `tasks/cancel`; streaming, push-notification and extended-card methods answer with the error the
 * card's capabilities call for.
 */
export function createA2AMethods(service: A2AService): Map<string, JsonRpcMethod> {
  return new Map<string, JsonRpcMethod>([
    [
      "message/send",
      async (params) => {
        const { message, configuration } = checkParams(
          safeParseContract(MessageSendParams, params, "message/send params"),
        );
        // v0.3 answers at once unless the client asks to wait: the kit and the platform send no
        // configuration and expect a task they can still cancel.
        return service.send(message, {
          wait: configuration?.blocking === true,
          ...(configuration?.historyLength === undefined
            ? {}
            : { historyLength: configuration.historyLength }),
        });
      },
    ],
    [
      "tasks/get",
      async (params) => {
        const query = checkParams(safeParseContract(TaskQueryParams, params, "tasks/get params"));
        return service.get(query.id, query.historyLength);
      },
    ],
    [
      "tasks/cancel",
      async (params) => {
        const { id } = checkParams(safeParseContract(TaskIdParams, params, "tasks/cancel params"));
        return service.cancel(id);
      },
    ],
    ...unsupportedMethods({
      streaming: ["message/stream", "tasks/resubscribe"],
      pushNotifications: [
        "tasks/pushNotificationConfig/set",
        "tasks/pushNotificationConfig/get",
        "tasks/pushNotificationConfig/list",
        "tasks/pushNotificationConfig/delete",
      ],
      extendedCard: {
        method: "agent/getAuthenticatedExtendedCard",
        error: "AuthenticatedExtendedCardNotConfigured",
      },
    }),
  ]);
}

/** The v0.3 dialect: its methods, and errors with `code` and `message` only. */
export function createA2AV03Dialect(methods: ReadonlyMap<string, JsonRpcMethod>): JsonRpcDialect {
  return {
    methods,
    error: (name, options = {}) =>
      buildJsonRpcError(name, {
        ...(options.id === undefined ? {} : { id: options.id }),
        ...(options.detail === undefined ? {} : { detail: options.detail }),
      }),
  };
}

/** The checked params, or -32602 naming the bad field. */
export function checkParams<T>(checked: ContractParseResult<T>): T {
  if (!checked.ok) throw new JsonRpcMethodError("InvalidParams", checked.error.message);
  return checked.value;
}
