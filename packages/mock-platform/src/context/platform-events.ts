import { EventTimeoutError } from "../mock-platform-error.js";
import { BoundedLog } from "./bounded-log.js";

/**
 * The platform's broadcast events (contract 9), plus the mock platform's own: `STATUS_CHANGED` for every
 * status transition, queue and control events.
 */
export type PlatformEventType =
  | "STATUS_CHANGED"
  | "WORKSPACE_ONLINE"
  | "WORKSPACE_PROVISIONING"
  | "WORKSPACE_HEARTBEAT"
  | "TASK_UPDATED"
  | "WORKSPACE_DEGRADED"
  | "WORKSPACE_OFFLINE"
  | "WORKSPACE_PROVISION_FAILED"
  | "WORKSPACE_REMOVED"
  | "WORKSPACE_PAUSED"
  | "WORKSPACE_HIBERNATED"
  | "AGENT_CARD_UPDATED"
  | "A2A_RESPONSE"
  | "BOOT_STEP"
  | "WORKSPACE_PROVISIONED"
  | "REGISTER_FAILED"
  | "A2A_QUEUED"
  | "A2A_QUEUE_ITEM_UPDATED"
  | "TOKEN_ROTATED"
  | "APPROVAL_REQUESTED"
  | "APPROVAL_APPROVED"
  | "APPROVAL_DENIED"
  | "PLATFORM_STATE_LOST"
  | "PLATFORM_RESET";

/** One event: a monotonic `seq`, the time, its type, the workspace it concerns and its payload. */
export interface PlatformEvent {
  seq: number;
  at: string;
  type: PlatformEventType;
  workspaceId?: string;
  data: Record<string, unknown>;
}

export type PlatformEventListener = (event: PlatformEvent) => void;

export interface WaitForOptions {
  /** Give up after this long (rejects with EventTimeoutError). Default 5000 ms. */
  timeoutMs?: number;
  /** Also match events already emitted after this cursor (see {@link PlatformEvents.cursor}). */
  since?: number;
  /** Named in the timeout error. */
  description?: string;
}

/** Bounds of the event history: events kept, and characters of their payloads' JSON in all. */
export interface EventHistoryLimits {
  events: number;
  chars: number;
}

/** 2000 events and 4 Mi characters of payload (a card update carries the whole agent card). */
export const DEFAULT_EVENT_HISTORY_LIMITS: EventHistoryLimits = { events: 2000, chars: 4 * 1024 * 1024 };

/**
 * The mock platform's event bus: subscribe, read a bounded history (the oldest events go first; the
 * newest always stays), or wait for an event instead of polling.
 */
export class PlatformEvents {
  #seq = 0;
  readonly #history: BoundedLog<PlatformEvent>;
  readonly #listeners = new Set<PlatformEventListener>();

  constructor(limits: EventHistoryLimits = DEFAULT_EVENT_HISTORY_LIMITS) {
    this.#history = new BoundedLog(limits.events, limits.chars);
  }

  emit(
    type: PlatformEventType,
    workspaceId: string | undefined,
    data: Record<string, unknown> = {},
  ): PlatformEvent {
    const event: PlatformEvent = {
      seq: ++this.#seq,
      at: new Date().toISOString(),
      type,
      ...(workspaceId === undefined ? {} : { workspaceId }),
      data,
    };
    this.#history.push(event, JSON.stringify(event.data)?.length ?? 0);
    for (const listener of [...this.#listeners]) listener(event);
    return event;
  }

  /** Subscribes to every event (or one type); returns the unsubscribe function. */
  on(listener: PlatformEventListener): () => void;
  on(type: PlatformEventType, listener: PlatformEventListener): () => void;
  on(a: PlatformEventType | PlatformEventListener, b?: PlatformEventListener): () => void {
    const listener: PlatformEventListener =
      typeof a === "function" ? a : (event) => (event.type === a ? b?.(event) : undefined);
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The seq of the last event; pass it as `since` to {@link waitFor} to close the subscribe race. */
  cursor(): number {
    return this.#seq;
  }

  /** Events after `since` (default: all kept, oldest first). */
  history(since = 0): PlatformEvent[] {
    return this.#history.filter((event) => event.seq > since);
  }

  /** Resolves with the first event matching `predicate`; rejects with EventTimeoutError on timeout. */
  waitFor(
    predicate: (event: PlatformEvent) => boolean,
    options: WaitForOptions = {},
  ): Promise<PlatformEvent> {
    const { timeoutMs = 5000, since, description = "predicate" } = options;
    if (since !== undefined) {
      const past = this.history(since).find(predicate);
      if (past) return Promise.resolve(past);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new EventTimeoutError(timeoutMs, description));
      }, timeoutMs);
      const off = this.on((event) => {
        if (!predicate(event)) return;
        clearTimeout(timer);
        off();
        resolve(event);
      });
    });
  }

  /** Resolves when workspace `workspaceId` reaches `status` (a STATUS_CHANGED event). */
  waitForStatus(workspaceId: string, status: string, options: WaitForOptions = {}): Promise<PlatformEvent> {
    return this.waitFor(
      (event) =>
        event.type === "STATUS_CHANGED" && event.workspaceId === workspaceId && event.data.to === status,
      { description: `workspace ${workspaceId} → ${status}`, ...options },
    );
  }

  /** Forgets the history (listeners stay subscribed). */
  clear(): void {
    this.#history.clear();
  }
}
