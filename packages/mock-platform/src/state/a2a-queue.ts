import { randomUUID } from "node:crypto";
import type { QueueItemStatus, QueueStatusResponse } from "@molecule-ctk/contract";

/** An `a2a_queue` row: a normalised envelope waiting for the agent to have capacity (contract 7.7, 7.8). */
export interface QueueItem {
  queueId: string;
  workspaceId: string;
  callerId: string | null;
  status: QueueItemStatus;
  priority: number;
  attempts: number;
  lastError: string | null;
  envelope: Record<string, unknown>;
  responseBody: unknown;
  enqueuedAt: number;
  dispatchedAt: number | null;
  completedAt: number | null;
  expiresAt: number;
}

const DEFAULT_PRIORITY = 50;
const TTL_MS = 24 * 60 * 60 * 1000;

/** The A2A queue: FIFO per workspace. */
export class A2AQueue {
  readonly #items = new Map<string, QueueItem>();

  enqueue(workspaceId: string, callerId: string | null, envelope: Record<string, unknown>): QueueItem {
    const now = Date.now();
    const item: QueueItem = {
      queueId: randomUUID(),
      workspaceId,
      callerId,
      status: "queued",
      priority: DEFAULT_PRIORITY,
      attempts: 0,
      lastError: null,
      envelope,
      responseBody: undefined,
      enqueuedAt: now,
      dispatchedAt: null,
      completedAt: null,
      expiresAt: now + TTL_MS,
    };
    this.#items.set(item.queueId, item);
    return item;
  }

  get(queueId: string): QueueItem | undefined {
    return this.#items.get(queueId.toLowerCase());
  }

  /** Items of a workspace still waiting, oldest first. */
  waiting(workspaceId: string): QueueItem[] {
    return [...this.#items.values()].filter((i) => i.workspaceId === workspaceId && i.status === "queued");
  }

  all(): QueueItem[] {
    return [...this.#items.values()];
  }

  /** Drops every waiting item of a workspace (delete). */
  drop(workspaceId: string): void {
    for (const item of this.waiting(workspaceId)) item.status = "dropped";
  }

  clear(): void {
    this.#items.clear();
  }
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The queue-status body of an item: `response_body` only once completed (contract 7.8). */
export function toQueueStatus(item: QueueItem): QueueStatusResponse {
  return {
    queue_id: item.queueId,
    workspace_id: item.workspaceId,
    status: item.status,
    priority: item.priority,
    attempts: item.attempts,
    last_error: item.lastError,
    enqueued_at: new Date(item.enqueuedAt).toISOString(),
    dispatched_at: iso(item.dispatchedAt),
    completed_at: iso(item.completedAt),
    expires_at: iso(item.expiresAt),
    ...(item.status === "completed" ? { response_body: item.responseBody } : {}),
  };
}
