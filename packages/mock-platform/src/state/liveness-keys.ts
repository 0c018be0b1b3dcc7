import type { TimerSet } from "../context/timer-set.js";

/**
 * The Redis liveness keys `ws:<id>` with their TTL (contract 6.3): register SETs a key, a heartbeat
 * EXPIREs (refreshes) an existing key only, and an expiry calls `onExpire`.
 */
export class LivenessKeys {
  readonly #keys = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly timers: TimerSet,
    private readonly ttlMs: number,
    private readonly onExpire: (workspaceId: string) => void,
  ) {}

  /** `SET ws:<id> "online" EX ttl`. */
  set(workspaceId: string): void {
    this.timers.cancel(this.#keys.get(workspaceId));
    this.#keys.set(
      workspaceId,
      this.timers.timeout(() => this.expireNow(workspaceId), this.ttlMs),
    );
  }

  /** `EXPIRE ws:<id> ttl`: refreshes an existing key, never recreates an expired one. */
  refresh(workspaceId: string): boolean {
    if (!this.#keys.has(workspaceId)) return false;
    this.set(workspaceId);
    return true;
  }

  has(workspaceId: string): boolean {
    return this.#keys.has(workspaceId);
  }

  /** Deletes the key without an expiry event (restart, delete, health sweep). */
  delete(workspaceId: string): void {
    this.timers.cancel(this.#keys.get(workspaceId));
    this.#keys.delete(workspaceId);
  }

  expireNow(workspaceId: string): void {
    this.delete(workspaceId);
    this.onExpire(workspaceId);
  }

  clear(): void {
    for (const id of [...this.#keys.keys()]) this.delete(id);
  }
}
