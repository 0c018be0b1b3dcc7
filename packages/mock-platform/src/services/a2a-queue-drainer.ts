import createDebug from "debug";
import type { PlatformContext } from "../context/platform-context.js";
import type { QueueItem } from "../state/a2a-queue.js";
import { forwardToAgent } from "./a2a-forward.js";
import { resolveA2ATarget } from "./a2a-target.js";

const debug = createDebug("molecule-ctk:mock-platform:a2a-queue");

/** A queued request is given up after this many dispatch attempts. */
export const MAX_QUEUE_ATTEMPTS = 5;

/**
 * Drains a workspace's A2A queue when a heartbeat reports spare capacity (#110, #1870): items are
 * dispatched oldest first; a transport failure puts the item back and ends the round.
 */
export class A2AQueueDrainer {
  readonly #running = new Map<string, Promise<void>>();

  constructor(private readonly ctx: PlatformContext) {}

  /** Starts a drain round for the workspace unless one is running. */
  drain(workspaceId: string): void {
    if (this.#running.has(workspaceId) || this.ctx.state.queue.waiting(workspaceId).length === 0) return;
    const round = this.#round(workspaceId)
      .catch((error) => debug("drain %s failed: %O", workspaceId, error))
      .finally(() => this.#running.delete(workspaceId));
    this.#running.set(workspaceId, round);
  }

  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running.values()]);
  }

  async #round(workspaceId: string): Promise<void> {
    const { state } = this.ctx;
    for (let item = state.queue.waiting(workspaceId)[0]; item; item = state.queue.waiting(workspaceId)[0]) {
      const row = state.workspaces.get(workspaceId);
      if (!row || row.status === "removed") return;
      const target = await resolveA2ATarget(this.ctx, row);
      if (target.kind !== "url") return; // still settling, or unroutable: try again on a later beat
      this.#update(item, { status: "dispatched", attempts: item.attempts + 1, dispatchedAt: Date.now() });
      // The headers the proxy forwards on a live call, the caller's A2A-Version included.
      const outcome = await forwardToAgent(target.url, item.envelope, {
        ...item.forwarded,
        ...(target.bearer ? { bearer: target.bearer } : {}),
        transport: this.ctx.options.agentTransport,
      });
      if (outcome.kind === "response" && outcome.status < 300 && outcome.text !== "") {
        state.queue.complete(item, outcome.text, parseBody);
        this.#update(item, { status: "completed", completedAt: Date.now() });
      } else if (
        outcome.kind === "transport" &&
        outcome.failure !== "other" &&
        item.attempts < MAX_QUEUE_ATTEMPTS
      ) {
        this.#update(item, { status: "queued", lastError: outcome.message });
        return;
      } else {
        const error = outcome.kind === "response" ? `agent answered ${outcome.status}` : outcome.message;
        this.#update(item, { status: "failed", lastError: error, completedAt: Date.now() });
      }
    }
  }

  #update(item: QueueItem, changes: Partial<QueueItem>): void {
    Object.assign(item, changes);
    this.ctx.events.emit("A2A_QUEUE_ITEM_UPDATED", item.workspaceId, {
      queue_id: item.queueId,
      status: item.status,
      attempts: item.attempts,
    });
  }
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
