import type { WorkspaceStatus } from "@molecule-ctk/contract";
import type { PlatformEvents } from "../context/platform-events.js";
import { MockPlatformError } from "../mock-platform-error.js";
import type { WorkspaceRecord } from "./workspace-record.js";

/**
 * Rows kept, removed ones included. Upstream's table has no bound; here, past it, the oldest removed
 * row is forgotten (as a purge would) to make room, and when every row is live a new one is refused.
 */
export const MAX_WORKSPACE_ROWS = 10_000;

/** The `workspaces` table: rows by id, and the one place a status changes (emitting STATUS_CHANGED). */
export class WorkspaceStore {
  readonly #rows = new Map<string, WorkspaceRecord>();

  /** @param onForget called with the id of a row purged or forgotten to make room (its tokens go too) */
  constructor(
    private readonly events: PlatformEvents,
    private readonly onForget: (id: string) => void = () => {},
    private readonly maxRows: number = MAX_WORKSPACE_ROWS,
  ) {}

  /**
   * Whether one more row fits, forgetting the oldest removed row if that makes room. A caller that
   * gets false answers the refusal ({@link workspaceLimitError}) instead of inserting.
   */
  makeRoom(): boolean {
    if (this.#rows.size < this.maxRows) return true;
    for (const [id, row] of this.#rows) {
      if (row.status !== "removed") continue;
      this.#rows.delete(id);
      this.onForget(id);
      return true;
    }
    return false;
  }

  get(id: string): WorkspaceRecord | undefined {
    return this.#rows.get(id);
  }

  /** Every row, removed ones included, in creation order. */
  all(): WorkspaceRecord[] {
    return [...this.#rows.values()];
  }

  /** Rows that are not removed (what `GET /workspaces` lists). */
  listed(): WorkspaceRecord[] {
    return this.all().filter((row) => row.status !== "removed");
  }

  /** Adds a row; throws when the store is full of live rows (call {@link makeRoom} first). */
  insert(record: WorkspaceRecord): WorkspaceRecord {
    if (!this.#rows.has(record.id) && !this.makeRoom())
      throw new MockPlatformError(workspaceLimitError(this.maxRows));
    this.#rows.set(record.id, record);
    this.events.emit("STATUS_CHANGED", record.id, { from: null, to: record.status, reason: "created" });
    return record;
  }

  /** Deletes the row itself (`?purge=true`), its tokens and inbound secret with it. */
  purge(id: string): void {
    if (this.#rows.delete(id)) this.onForget(id);
  }

  /** Direct children of a workspace that are not removed. */
  children(id: string): WorkspaceRecord[] {
    return this.listed().filter((row) => row.parentId === id);
  }

  /** Every descendant (depth-first), not removed. */
  descendants(id: string): WorkspaceRecord[] {
    const out: WorkspaceRecord[] = [];
    for (const child of this.children(id)) out.push(child, ...this.descendants(child.id));
    return out;
  }

  /** The nearest paused ancestor of a row (the parent chain walked up to 32 steps), if any. */
  pausedAncestor(row: WorkspaceRecord): WorkspaceRecord | undefined {
    let parentId = row.parentId;
    for (let step = 0; parentId !== null && step < 32; step++) {
      const parent = this.#rows.get(parentId);
      if (!parent) return undefined;
      if (parent.status === "paused") return parent;
      parentId = parent.parentId;
    }
    return undefined;
  }

  /** Sets a status; emits STATUS_CHANGED only when it actually changes. Returns whether it changed. */
  setStatus(row: WorkspaceRecord, to: WorkspaceStatus, reason: string): boolean {
    const from = row.status;
    if (from === to) return false;
    row.status = to;
    row.updatedAt = Date.now();
    row.provisioningSince = to === "provisioning" ? Date.now() : null;
    this.events.emit("STATUS_CHANGED", row.id, { from, to, reason });
    return true;
  }

  clear(): void {
    this.#rows.clear();
  }
}

/** The error of a create or register refused because {@link MAX_WORKSPACE_ROWS} live rows exist. */
export function workspaceLimitError(maxRows = MAX_WORKSPACE_ROWS): string {
  return `[mock-platform] ${maxRows} workspaces exist: delete some (DELETE /workspaces/:id) or reset the mock platform (POST /__mock/reset)`;
}
