import { randomBytes } from "node:crypto";
import type { PlatformEvents } from "../context/platform-events.js";
import { A2AQueue } from "./a2a-queue.js";
import { ApprovalStore } from "./approval-store.js";
import { TokenStore } from "./token-store.js";
import { WorkspaceStore } from "./workspace-store.js";

/** Everything the platform keeps (Postgres and Redis in upstream), in memory. */
export class PlatformState {
  readonly workspaces: WorkspaceStore;
  readonly tokens: TokenStore;
  readonly queue = new A2AQueue();
  readonly approvals = new ApprovalStore();
  /** `platform_inbound_secret` per workspace, rotated on every provision. */
  readonly inboundSecrets = new Map<string, string>();
  /** Inbound secrets minted for heartbeats of unknown ids, kept 5 minutes (bounded). */
  readonly #unstored = new Map<string, { secret: string; until: number }>();
  /** How many upcoming registry token checks fail as a database error would (see control.failTokenChecks). */
  tokenCheckFailures = 0;

  constructor(events: PlatformEvents) {
    this.workspaces = new WorkspaceStore(events, (id) => {
      this.tokens.forget(id);
      this.inboundSecrets.delete(id);
    });
    this.tokens = new TokenStore((id) => this.workspaces.get(id)?.status === "removed");
  }

  rotateInboundSecret(workspaceId: string): string {
    const secret = randomBytes(32).toString("base64url");
    this.inboundSecrets.set(workspaceId, secret);
    return secret;
  }

  /** The workspace's inbound secret, minted on the spot when missing ("lazy-heal", contract 4.4). */
  inboundSecret(workspaceId: string): string {
    return this.inboundSecrets.get(workspaceId) ?? this.rotateInboundSecret(workspaceId);
  }

  /**
   * The secret a heartbeat for an id without a row gets: minted and cached for 5 minutes, as
   * upstream's lazy-heal caches what it cannot store. At most 10,000 ids are remembered.
   */
  unstoredInboundSecret(workspaceId: string, now = Date.now()): string {
    const cached = this.#unstored.get(workspaceId);
    if (cached && cached.until > now) return cached.secret;
    this.#unstored.delete(workspaceId);
    if (this.#unstored.size >= 10_000) {
      const oldest = this.#unstored.keys().next().value;
      if (oldest !== undefined) this.#unstored.delete(oldest);
    }
    const secret = randomBytes(32).toString("base64url");
    this.#unstored.set(workspaceId, { secret, until: now + 5 * 60_000 });
    return secret;
  }

  /** Forgets everything, as a platform restart with an empty database would. */
  clear(): void {
    this.workspaces.clear();
    this.tokens.clear();
    this.queue.clear();
    this.approvals.clear();
    this.inboundSecrets.clear();
    this.#unstored.clear();
    this.tokenCheckFailures = 0;
  }
}
