import { randomUUID } from "node:crypto";
import {
  buildV1JsonRpcError,
  safeParseContract,
  V1CancelTaskRequest,
  V1GetTaskRequest,
  V1ListTasksRequest,
  V1SendMessageRequest,
} from "@molecule-ctk/contract";
import { checkParams } from "../a2a-methods.js";
import type { A2AService } from "../a2a-service.js";
import { type JsonRpcDialect, type JsonRpcMethod, JsonRpcMethodError } from "../json-rpc-dispatcher.js";
import { unsupportedMethods } from "../unsupported-methods.js";
import { fromV1Message, fromV1State, toV1Message, toV1Task } from "./v1-translate.js";

/** ListTasks' page size when the request names none (A2A v1.0 section 3.1.4). */
export const DEFAULT_PAGE_SIZE = 50;

/**
 * The A2A v1.0 methods of the stub, over the same service as v0.3: `SendMessage` (waits for the task
 * unless `returnImmediately`), `GetTask`, `CancelTask`, `ListTasks`; the other v1.0 methods answer
 * with the error the card's capabilities call for.
 */
export function createA2AV1Methods(service: A2AService): Map<string, JsonRpcMethod> {
  return new Map<string, JsonRpcMethod>([
    [
      "SendMessage",
      async (params) => {
        const request = checkParams(safeParseContract(V1SendMessageRequest, params, "SendMessage params"));
        const { configuration } = request;
        const result = await service.send(fromV1Message(request.message), {
          wait: configuration?.returnImmediately !== true,
          ...(configuration?.historyLength === undefined
            ? {}
            : { historyLength: configuration.historyLength }),
        });
        if (result.kind === "task") return { task: toV1Task(result) };
        // v1.0 server messages always carry a contextId.
        return { message: toV1Message({ ...result, contextId: result.contextId ?? randomUUID() }) };
      },
    ],
    [
      "GetTask",
      async (params) => {
        const { id, historyLength } = checkParams(
          safeParseContract(V1GetTaskRequest, params, "GetTask params"),
        );
        return toV1Task(service.get(id, historyLength));
      },
    ],
    [
      "CancelTask",
      async (params) => {
        const { id } = checkParams(safeParseContract(V1CancelTaskRequest, params, "CancelTask params"));
        return toV1Task(service.cancel(id));
      },
    ],
    [
      "ListTasks",
      async (params) => {
        const request = checkParams(safeParseContract(V1ListTasksRequest, params ?? {}, "ListTasks params"));
        const size = request.pageSize ?? DEFAULT_PAGE_SIZE;
        const after = readPageToken(request.pageToken);
        const page = service.list(
          {
            ...(request.contextId ? { contextId: request.contextId } : {}),
            ...(request.status && request.status !== "TASK_STATE_UNSPECIFIED"
              ? { state: fromV1State(request.status) }
              : {}),
            ...(request.statusTimestampAfter
              ? { updatedSince: Date.parse(request.statusTimestampAfter) }
              : {}),
          },
          {
            size,
            artifacts: request.includeArtifacts === true,
            ...(after === undefined ? {} : { after }),
            ...(request.historyLength === undefined ? {} : { historyLength: request.historyLength }),
          },
        );
        return {
          tasks: page.tasks.map(toV1Task),
          nextPageToken: page.next === undefined ? "" : pageToken(page.next),
          pageSize: size,
          totalSize: page.total,
        };
      },
    ],
    ...unsupportedMethods({
      streaming: ["SendStreamingMessage", "SubscribeToTask"],
      pushNotifications: [
        "CreateTaskPushNotificationConfig",
        "GetTaskPushNotificationConfig",
        "ListTaskPushNotificationConfigs",
        "DeleteTaskPushNotificationConfig",
      ],
      extendedCard: { method: "GetExtendedAgentCard", error: "UnsupportedOperation" },
    }),
  ]);
}

/** The v1.0 dialect: its methods, and errors carrying a `google.rpc.ErrorInfo` in `error.data`. */
export function createA2AV1Dialect(methods: ReadonlyMap<string, JsonRpcMethod>): JsonRpcDialect {
  return {
    methods,
    error: (name, options = {}) =>
      buildV1JsonRpcError(name, {
        ...(options.id === undefined ? {} : { id: options.id }),
        ...(options.detail === undefined ? {} : { detail: options.detail }),
        ...(options.metadata === undefined ? {} : { metadata: { ...options.metadata } }),
      }),
  };
}

function pageToken(cursor: number): string {
  return Buffer.from(`after:${cursor}`).toString("base64url");
}

function readPageToken(token: string | undefined): number | undefined {
  if (token === undefined || token === "") return undefined;
  const match = /^after:(\d{1,15})$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!match)
    throw new JsonRpcMethodError(
      "InvalidParams",
      "ListTasks params: pageToken: not a token this agent issued",
    );
  return Number(match[1]);
}
