import { randomUUID } from "node:crypto";
import type { QueueItemStatus, QueueStatusResponse } from "@molecule-ctk/contract";
import type { ForwardedHeaders } from "../services/a2a-forward.js";

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
  /** The caller headers the proxy forwards (`A2A-Version`), sent again when the item is dispatched. */
  forwarded: ForwardedHeaders;
  responseBody: unknown;
  enqueuedAt: number;
  dispatchedAt: number | null;
  completedAt: number | null;
  expiresAt: number;
  /** Bytes the item holds (its envelope and, once completed, the response), for the queue's byte bound. */
  sizeBytes: number;
}

const DEFAULT_PRIORITY = 50;
const TTL_MS = 24 * 60 * 60 * 1000;

/** Bounds of the A2A queue: waiting items per workspace, and items kept in all. */
export interface A2AQueueLimits {
  waitingPerWorkspace: number;
  total: number;
  /** Bytes of envelopes and responses kept in all. */
  totalBytes: number;
}

export const DEFAULT_A2A_QUEUE_LIMITS: A2AQueueLimits = {
  waitingPerWorkspace: 1000,
  total: 10_000,
  totalBytes: 256 * 1024 * 1024,
};

/**
 * The A2A queue: FIFO per workspace, bounded. A workspace with `waitingPerWorkspace` items waiting
 * takes no more (the proxy answers 503 busy, as upstream does when its insert fails); past `total`
 * the oldest finished items are forgotten, and a queue full of waiting items takes no more.
 */
export class A2AQueue {
  readonly #items = new Map<string, QueueItem>();
  #bytes = 0;

  constructor(private readonly limits: A2AQueueLimits = DEFAULT_A2A_QUEUE_LIMITS) {}

  /** Queues a normalised envelope; undefined when a bound refuses it. */
  enqueue(
    workspaceId: string,
    callerId: string | null,
    envelope: Record<string, unknown>,
    forwarded: ForwardedHeaders = {},
  ): QueueItem | undefined {
    if (this.waiting(workspaceId).length >= this.limits.waitingPerWorkspace) return undefined;
    const sizeBytes = JSON.stringify(envelope).length;
    if (!this.#makeRoom(1, sizeBytes)) return undefined;
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
      forwarded,
      responseBody: undefined,
      enqueuedAt: now,
      dispatchedAt: null,
      completedAt: null,
      expiresAt: now + TTL_MS,
      sizeBytes,
    };
    this.#items.set(item.queueId, item);
    this.#bytes += sizeBytes;
    return item;
  }

  /** Stores a completed item's response; a response the byte bound cannot hold is kept as its size only. */
  complete(item: QueueItem, responseText: string, parse: (text: string) => unknown): void {
    const size = responseText.length;
    const fits = this.#makeRoom(0, size, item);
    item.responseBody = fits ? parse(responseText) : { error: "response too large to keep", bytes: size };
    if (fits) {
      item.sizeBytes += size;
      this.#bytes += size;
    }
  }

  // Evicts finished items, oldest first, until `items` more and `bytes` more fit; false if they cannot.
  #makeRoom(items: number, bytes: number, keep?: QueueItem): boolean {
    const fits = () =>
      this.#items.size + items <= this.limits.total && this.#bytes + bytes <= this.limits.totalBytes;
    for (const [id, item] of this.#items) {
      if (fits()) return true;
      if (item === keep || item.status === "queued" || item.status === "dispatched") continue;
      this.#items.delete(id);
      this.#bytes -= item.sizeBytes;
    }
    return fits();
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
    this.#bytes = 0;
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
