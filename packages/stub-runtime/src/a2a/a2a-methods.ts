import { setTimeout as sleep } from "node:timers/promises";
import {
  buildAgentMessage,
  type ContractParseResult,
  MessageSendParams,
  safeParseContract,
  TaskIdParams,
  TaskQueryParams,
} from "@molecule-ctk/contract";
import type { StubResultMode } from "../config.js";
import { type JsonRpcMethod, JsonRpcMethodError } from "./json-rpc-dispatcher.js";
import type { InMemoryTaskStore } from "./task-store.js";

/** How the A2A methods answer. */
export interface A2AMethodOptions {
  reply: string;
  result: StubResultMode;
  replyDelayMs: number;
  tasks: InMemoryTaskStore;
  /** Called when a `message/send` starts (+1) and ends (-1). */
  onInFlight?: (delta: 1 | -1) => void;
  /** Called once per delayed `message/send`, before the wait. */
  onDelay?: (ms: number) => void;
}

/** The A2A v0.3 methods of the stub: `message/send`, `tasks/get`, `tasks/cancel`. */
export function createA2AMethods(options: A2AMethodOptions): Map<string, JsonRpcMethod> {
  const { reply, tasks } = options;
  return new Map<string, JsonRpcMethod>([
    [
      "message/send",
      async (params) => {
        const { message, configuration } = checkParams(
          safeParseContract(MessageSendParams, params, "message/send params"),
        );
        options.onInFlight?.(1);
        try {
          if (options.replyDelayMs > 0) {
            options.onDelay?.(options.replyDelayMs);
            await sleep(options.replyDelayMs);
          }
          if (options.result === "message") {
            return buildAgentMessage({
              text: reply,
              ...(message.contextId === undefined ? {} : { contextId: message.contextId }),
            });
          }
          const task = tasks.create(message);
          return tasks.get(task.id, configuration?.historyLength) ?? task;
        } finally {
          options.onInFlight?.(-1);
        }
      },
    ],
    [
      "tasks/get",
      async (params) => {
        const query = checkParams(safeParseContract(TaskQueryParams, params, "tasks/get params"));
        const task = tasks.get(query.id, query.historyLength);
        if (task === undefined) throw new JsonRpcMethodError("TaskNotFound", query.id);
        return task;
      },
    ],
    [
      "tasks/cancel",
      async (params) => {
        const { id } = checkParams(safeParseContract(TaskIdParams, params, "tasks/cancel params"));
        const outcome = tasks.cancel(id);
        if ("task" in outcome) return outcome.task;
        if (outcome.failure === "not-found") throw new JsonRpcMethodError("TaskNotFound", id);
        throw new JsonRpcMethodError("TaskNotCancelable", `${id} is ${outcome.state}`);
      },
    ],
  ]);
}

/** The checked params, or -32602 naming the bad field. */
function checkParams<T>(checked: ContractParseResult<T>): T {
  if (!checked.ok) throw new JsonRpcMethodError("InvalidParams", checked.error.message);
  return checked.value;
}
