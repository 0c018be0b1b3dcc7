import { setTimeout as sleep } from "node:timers/promises";
import { buildAgentMessage, type Message, type Task, type TaskState } from "@molecule-ctk/contract";
import type { StubResultMode } from "../config.js";
import { JsonRpcMethodError } from "./json-rpc-dispatcher.js";
import { type InMemoryTaskStore, type TaskFailure, type TaskFilter, withHistory } from "./task-store.js";

/** How the stub's A2A operations behave. */
export interface A2AServiceOptions {
  reply: string;
  result: StubResultMode;
  replyDelayMs: number;
  tasks: InMemoryTaskStore;
  /** Called when a send starts (+1) and ends (-1). */
  onInFlight?: (delta: 1 | -1) => void;
  /** Called once per delayed send, before the wait. */
  onDelay?: (ms: number) => void;
}

/** How a send is answered. */
export interface SendOptions {
  /** Wait until the task is no longer working before answering. */
  wait: boolean;
  historyLength?: number;
}

/** One page of {@link A2AService.list}. */
export interface TaskPage {
  tasks: Task[];
  /** The cursor of the next page, or undefined on the last one. */
  next: number | undefined;
  total: number;
}

/** The most bytes of tasks one list page holds; a page stops early rather than grow past it. */
export const MAX_PAGE_BYTES = 8 * 1024 * 1024;

/**
 * The A2A operations once, in v0.3 shapes, for both dialects to serve: a send answers with a
 * Message (`STUB_RESULT=message`) or starts or continues a Task (`STUB_RESULT=task`); tasks can be
 * fetched, canceled and listed. Refusals are {@link JsonRpcMethodError}s.
 */
export interface A2AService {
  send(message: Message, options: SendOptions): Promise<Message | Task>;
  get(id: string, historyLength?: number): Task;
  cancel(id: string): Task;
  list(
    filter: TaskFilter,
    page: { size: number; after?: number; historyLength?: number; artifacts: boolean },
  ): TaskPage;
}

export function createA2AService(options: A2AServiceOptions): A2AService {
  const { tasks } = options;
  return {
    async send(message, { wait, historyLength }) {
      options.onInFlight?.(1);
      try {
        if (options.replyDelayMs > 0) {
          options.onDelay?.(options.replyDelayMs);
          await sleep(options.replyDelayMs);
        }
        if (message.taskId !== undefined)
          return await continueTask(message.taskId, message, wait, historyLength);
        if (options.result === "message") {
          return buildAgentMessage({
            text: options.reply,
            ...(message.contextId === undefined ? {} : { contextId: message.contextId }),
          });
        }
        const created = tasks.create(message);
        if ("failure" in created) throw refusal(created, "");
        // The store already handed back a copy: no second one unless the answer must wait or trim.
        if (!wait && historyLength === undefined) return created.task;
        return await answer(created.task.id, wait, historyLength);
      } finally {
        options.onInFlight?.(-1);
      }
    },
    get(id, historyLength) {
      const task = tasks.get(id, historyLength);
      if (task === undefined) throw taskNotFound(id);
      return task;
    },
    cancel(id) {
      const outcome = tasks.cancel(id);
      if ("task" in outcome) return outcome.task;
      if (outcome.failure === "terminal") {
        throw new JsonRpcMethodError("TaskNotCancelable", `${id} is ${outcome.state}`, { taskId: id });
      }
      throw taskNotFound(id);
    },
    list(filter, page) {
      const total = tasks.count(filter);
      const out: Task[] = [];
      let bytes = 0;
      let last: number | undefined;
      let more = false;
      for (const { task, cursor } of tasks.list(filter, page.after)) {
        if (out.length === page.size || (out.length > 0 && bytes > MAX_PAGE_BYTES)) {
          more = true;
          break;
        }
        const trimmed = withHistory(task, page.historyLength);
        if (!page.artifacts) delete trimmed.artifacts;
        bytes += Buffer.byteLength(JSON.stringify(trimmed));
        out.push(trimmed);
        last = cursor;
      }
      return { tasks: out, next: more ? last : undefined, total };
    },
  };

  async function continueTask(taskId: string, message: Message, wait: boolean, historyLength?: number) {
    // In message mode no task exists, so a taskId never names one.
    const continued = tasks.continue(taskId, message);
    if ("failure" in continued) throw refusal(continued, taskId);
    return answer(taskId, wait, historyLength);
  }

  async function answer(id: string, wait: boolean, historyLength?: number): Promise<Task> {
    if (wait) await tasks.settled(id);
    const task = tasks.get(id, historyLength);
    if (task === undefined) throw taskNotFound(id);
    return task;
  }
}

function taskNotFound(id: string): JsonRpcMethodError {
  return new JsonRpcMethodError("TaskNotFound", id, { taskId: id });
}

function refusal(failure: TaskFailure, taskId: string): JsonRpcMethodError {
  switch (failure.failure) {
    case "not-found":
      return taskNotFound(taskId);
    case "terminal":
      return new JsonRpcMethodError(
        "UnsupportedOperation",
        `task ${taskId} is ${failure.state as TaskState} and takes no more messages: send without taskId to start a new task`,
        { taskId },
      );
    case "context-mismatch":
      return new JsonRpcMethodError(
        "InvalidParams",
        `message.contextId does not match task ${taskId}, whose contextId is ${failure.contextId}`,
        { taskId },
      );
    case "too-large":
      return new JsonRpcMethodError(
        "InvalidParams",
        `the task would hold ${failure.bytes} bytes, more than the ${failure.maxTaskBytes} a task may: start a new task`,
        taskId ? { taskId } : {},
      );
  }
}
