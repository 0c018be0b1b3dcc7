import { randomUUID } from "node:crypto";
import { buildAgentMessage, type Message, type Task, TERMINAL_TASK_STATES } from "@molecule-ctk/contract";

/** How tasks behave. */
export interface TaskStoreOptions {
  /** The reply text, used as the completed task's status message and artifact. */
  reply: string;
  /** How long a task stays `working`. */
  taskMs: number;
  /** How many tasks are kept; the oldest is dropped beyond it (default 1000). */
  limit?: number;
}

/** Why a cancel failed. */
export type CancelFailure = "not-found" | "not-cancelable";

/** Keeps the last tasks of `STUB_RESULT=task` in memory; each completes `taskMs` after it was created. */
export class InMemoryTaskStore {
  readonly #options: Required<TaskStoreOptions>;
  readonly #tasks = new Map<string, { task: Task; timer: NodeJS.Timeout | undefined }>();

  constructor(options: TaskStoreOptions) {
    this.#options = { limit: 1000, ...options };
  }

  /** How many tasks are `working` now. */
  get activeCount(): number {
    let count = 0;
    for (const { task } of this.#tasks.values()) if (task.status.state === "working") count++;
    return count;
  }

  /** Starts a task for a user message and returns it in state `working`. */
  create(message: Message): Task {
    const id = randomUUID();
    const contextId = message.contextId ?? randomUUID();
    const task: Task = {
      kind: "task",
      id,
      contextId,
      status: { state: "working", timestamp: new Date().toISOString() },
      history: [{ ...message, taskId: id, contextId }],
    };
    const timer = setTimeout(() => this.#complete(id), this.#options.taskMs);
    timer.unref();
    this.#tasks.set(id, { task, timer });
    this.#evict();
    return structuredClone(task);
  }

  /** A copy of the task with at most `historyLength` of its latest messages, or undefined. */
  get(id: string, historyLength?: number): Task | undefined {
    const entry = this.#tasks.get(id);
    if (entry === undefined) return undefined;
    const task = structuredClone(entry.task);
    if (historyLength !== undefined && task.history !== undefined) {
      task.history = historyLength === 0 ? [] : task.history.slice(-historyLength);
    }
    return task;
  }

  /** Cancels a working task and returns it, or says why it cannot. */
  cancel(id: string): { task: Task } | { failure: CancelFailure; state?: string } {
    const entry = this.#tasks.get(id);
    if (entry === undefined) return { failure: "not-found" };
    if (TERMINAL_TASK_STATES.has(entry.task.status.state)) {
      return { failure: "not-cancelable", state: entry.task.status.state };
    }
    clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.task.status = { state: "canceled", timestamp: new Date().toISOString() };
    return { task: structuredClone(entry.task) };
  }

  /** Stops every pending completion. */
  close(): void {
    for (const entry of this.#tasks.values()) clearTimeout(entry.timer);
  }

  #complete(id: string): void {
    const entry = this.#tasks.get(id);
    if (entry === undefined || entry.task.status.state !== "working") return;
    entry.timer = undefined;
    const { task } = entry;
    const reply = buildAgentMessage({ text: this.#options.reply, contextId: task.contextId, taskId: id });
    task.status = { state: "completed", message: reply, timestamp: new Date().toISOString() };
    task.artifacts = [
      { artifactId: randomUUID(), name: "reply", parts: [{ kind: "text", text: this.#options.reply }] },
    ];
    task.history = [...(task.history ?? []), reply];
  }

  #evict(): void {
    while (this.#tasks.size > this.#options.limit) {
      const oldest = this.#tasks.keys().next();
      if (oldest.done) return;
      clearTimeout(this.#tasks.get(oldest.value)?.timer);
      this.#tasks.delete(oldest.value);
    }
  }
}
