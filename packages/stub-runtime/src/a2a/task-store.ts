import { randomUUID } from "node:crypto";
import {
  buildAgentMessage,
  type Message,
  type Task,
  type TaskState,
  TERMINAL_TASK_STATES,
} from "@molecule-ctk/contract";

/** How tasks behave and how many the store keeps. */
export interface TaskStoreOptions {
  /** The reply text, used as the completed task's status message and artifact. */
  reply: string;
  /** How long a task stays `working` after its latest user message. */
  taskMs: number;
  /** How many tasks are kept; the least recently touched is dropped beyond it (default 1000). */
  limit?: number;
  /** How many bytes of tasks (their JSON size) are kept, across all tasks (default 32 MiB). */
  maxBytes?: number;
  /** The largest one task may grow to, history included (default 4 MiB). */
  maxTaskBytes?: number;
}

/** The defaults of {@link TaskStoreOptions}. */
export const TASK_STORE_LIMITS = { limit: 1000, maxBytes: 32 * 1024 * 1024, maxTaskBytes: 4 * 1024 * 1024 };

/** Why a task could not be created, continued or canceled. */
export type TaskFailure =
  | { failure: "not-found" }
  | { failure: "terminal"; state: TaskState }
  | { failure: "context-mismatch"; contextId: string }
  | { failure: "too-large"; bytes: number; maxTaskBytes: number };

/** What {@link InMemoryTaskStore.list} selects. */
export interface TaskFilter {
  contextId?: string;
  state?: TaskState;
  /** Only tasks whose status timestamp is at or after this instant (epoch ms). */
  updatedSince?: number;
}

interface Entry {
  task: Task;
  bytes: number;
  /** Bumped on every change; orders tasks by last update and makes list cursors stable. */
  seq: number;
  timer: NodeJS.Timeout | undefined;
  waiters: Array<() => void>;
}

/**
 * Keeps the tasks of `STUB_RESULT=task` in memory, bounded by count and by bytes (the least recently
 * touched task goes first), each task also bounded in size. A task completes `taskMs` after its
 * latest user message; a message to a task that is still working is appended to its history.
 */
export class InMemoryTaskStore {
  readonly #options: Required<TaskStoreOptions>;
  readonly #tasks = new Map<string, Entry>();
  #bytes = 0;
  #seq = 0;

  constructor(options: TaskStoreOptions) {
    this.#options = { ...TASK_STORE_LIMITS, ...options };
    if (this.#options.maxTaskBytes > this.#options.maxBytes) {
      throw new RangeError("[stub-runtime] task store: maxTaskBytes exceeds maxBytes: lower maxTaskBytes");
    }
  }

  /** How many tasks are `working` now. */
  get activeCount(): number {
    let count = 0;
    for (const { task } of this.#tasks.values()) if (task.status.state === "working") count++;
    return count;
  }

  /** How many tasks are kept, and their JSON size in bytes. */
  get usage(): { tasks: number; bytes: number } {
    return { tasks: this.#tasks.size, bytes: this.#bytes };
  }

  /** Starts a task for a user message and returns it in state `working`. */
  create(message: Message): { task: Task } | TaskFailure {
    const id = randomUUID();
    const contextId = message.contextId ?? randomUUID();
    const task: Task = {
      kind: "task",
      id,
      contextId,
      status: { state: "working", timestamp: new Date().toISOString() },
      history: [{ ...message, taskId: id, contextId }],
    };
    const bytes = jsonBytes(task);
    if (bytes > this.#options.maxTaskBytes) return this.#tooLarge(bytes);
    const entry: Entry = { task, bytes, seq: ++this.#seq, timer: undefined, waiters: [] };
    this.#tasks.set(id, entry);
    this.#bytes += bytes;
    this.#schedule(id, entry);
    this.#evict();
    return { task: structuredClone(task) };
  }

  /**
   * Appends a user message to a working task and restarts its work: the task completes `taskMs`
   * from now. A finished task takes no more messages, and a `contextId` must be the task's own.
   */
  continue(id: string, message: Message): { task: Task } | TaskFailure {
    const entry = this.#tasks.get(id);
    if (entry === undefined) return { failure: "not-found" };
    const { task } = entry;
    if (TERMINAL_TASK_STATES.has(task.status.state)) return { failure: "terminal", state: task.status.state };
    if (message.contextId !== undefined && message.contextId !== task.contextId) {
      return { failure: "context-mismatch", contextId: task.contextId };
    }
    const added = { ...message, taskId: id, contextId: task.contextId };
    const bytes = entry.bytes + jsonBytes(added) + 1;
    if (bytes > this.#options.maxTaskBytes) return this.#tooLarge(bytes);
    task.history = [...(task.history ?? []), added];
    task.status = { state: task.status.state, timestamp: new Date().toISOString() };
    this.#touch(id, entry, bytes);
    this.#schedule(id, entry);
    this.#evict();
    return { task: structuredClone(task) };
  }

  /** A copy of the task with at most `historyLength` of its latest messages, or undefined. */
  get(id: string, historyLength?: number): Task | undefined {
    const entry = this.#tasks.get(id);
    return entry === undefined ? undefined : withHistory(entry.task, historyLength);
  }

  /** Cancels a working task and returns it, or says why it cannot. */
  cancel(id: string): { task: Task } | TaskFailure {
    const entry = this.#tasks.get(id);
    if (entry === undefined) return { failure: "not-found" };
    if (TERMINAL_TASK_STATES.has(entry.task.status.state)) {
      return { failure: "terminal", state: entry.task.status.state };
    }
    clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.task.status = { state: "canceled", timestamp: new Date().toISOString() };
    this.#touch(id, entry, jsonBytes(entry.task));
    this.#settle(entry);
    return { task: structuredClone(entry.task) };
  }

  /** Resolves once the task is no longer `working` (or is gone). */
  settled(id: string): Promise<void> {
    const entry = this.#tasks.get(id);
    if (entry === undefined || entry.task.status.state !== "working") return Promise.resolve();
    return new Promise((resolve) => entry.waiters.push(resolve));
  }

  /**
   * The matching tasks, most recently updated first, starting after the cursor `after` (a `seq` a
   * previous page ended on). Each comes with its cursor; the caller pages and trims history.
   */
  *list(filter: TaskFilter, after?: number): Generator<{ task: Task; cursor: number }> {
    const entries = [...this.#tasks.values()].sort((a, b) => b.seq - a.seq);
    for (const entry of entries) {
      if (after !== undefined && entry.seq >= after) continue;
      if (!matches(entry.task, filter)) continue;
      yield { task: entry.task, cursor: entry.seq };
    }
  }

  /** How many tasks match a filter. */
  count(filter: TaskFilter): number {
    let count = 0;
    for (const { task } of this.#tasks.values()) if (matches(task, filter)) count++;
    return count;
  }

  /** Stops every pending completion and releases every waiter. */
  close(): void {
    for (const entry of this.#tasks.values()) {
      clearTimeout(entry.timer);
      entry.timer = undefined;
      this.#settle(entry);
    }
  }

  #schedule(id: string, entry: Entry): void {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => this.#complete(id), this.#options.taskMs);
    entry.timer.unref();
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
    this.#touch(id, entry, jsonBytes(task));
    this.#settle(entry);
    this.#evict();
  }

  /** Records a change: new size, newest in update order (and last in line for eviction). */
  #touch(id: string, entry: Entry, bytes: number): void {
    this.#bytes += bytes - entry.bytes;
    entry.bytes = bytes;
    entry.seq = ++this.#seq;
    this.#tasks.delete(id);
    this.#tasks.set(id, entry);
  }

  #settle(entry: Entry): void {
    for (const wake of entry.waiters.splice(0)) wake();
  }

  #tooLarge(bytes: number): TaskFailure {
    return { failure: "too-large", bytes, maxTaskBytes: this.#options.maxTaskBytes };
  }

  #evict(): void {
    const { limit, maxBytes } = this.#options;
    for (const [id, entry] of this.#tasks) {
      if (this.#tasks.size <= limit && this.#bytes <= maxBytes) return;
      clearTimeout(entry.timer);
      this.#settle(entry);
      this.#tasks.delete(id);
      this.#bytes -= entry.bytes;
    }
  }
}

function matches(task: Task, filter: TaskFilter): boolean {
  if (filter.contextId !== undefined && task.contextId !== filter.contextId) return false;
  if (filter.state !== undefined && task.status.state !== filter.state) return false;
  if (filter.updatedSince !== undefined && Date.parse(task.status.timestamp ?? "") < filter.updatedSince) {
    return false;
  }
  return true;
}

/** A copy of a task with at most `historyLength` of its latest messages (0: none). */
export function withHistory(task: Task, historyLength?: number): Task {
  if (historyLength === undefined || task.history === undefined) return structuredClone(task);
  // Trim before copying: a long history is never cloned only to be cut.
  const history = historyLength === 0 ? [] : task.history.slice(-historyLength);
  return structuredClone({ ...task, history });
}

/** The UTF-8 size of a value's JSON, the store's measure of what a task holds. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}
