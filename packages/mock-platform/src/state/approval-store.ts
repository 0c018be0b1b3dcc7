import { createHash, randomUUID } from "node:crypto";

/** The actions upstream's approval gate holds for a privileged caller (approvals/policy.go). */
export const GATED_ACTIONS: ReadonlySet<string> = new Set([
  "secret_write",
  "org_token_mint",
  "privileged_delegate",
]);

/** An `approval_requests` row: a gated action waiting for, or holding, a human decision. */
export interface Approval {
  id: string;
  workspaceId: string;
  action: string;
  reason: string;
  context: Record<string, unknown>;
  /** sha256 of workspace, action and the JSON context: what a retry must match. */
  requestHash: string;
  status: "pending" | "approved" | "denied";
  decidedBy: string | null;
  decidedAt: number | null;
  consumedAt: number | null;
  createdAt: number;
}

/** Most approvals kept; past it the oldest decided ones are forgotten first. */
const MAX_APPROVALS = 10_000;

/** Go's `json.Marshal` of a flat map: keys sorted. */
function goJson(context: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(context).sort(([a], [b]) => (a < b ? -1 : 1))));
}

/** `approvalRequestHash` (approval_gate.go): sha256 of `workspace NUL action NUL json(context)`. */
export function approvalRequestHash(workspaceId: string, action: string, context: Record<string, unknown>) {
  return createHash("sha256")
    .update(`${workspaceId}\0${action}\0${goJson(context)}`)
    .digest("hex");
}

/**
 * Approvals of gated actions (approval_gate.go `requireApproval`): a retry of the identical request
 * reuses its pending approval; once approved, the identical request consumes it exactly once.
 */
export class ApprovalStore {
  readonly #approvals = new Map<string, Approval>();

  /** Consumes an approved, unconsumed approval of this exact request; true when there was one. */
  consume(workspaceId: string, action: string, context: Record<string, unknown>): boolean {
    const hash = approvalRequestHash(workspaceId, action, context);
    let latest: Approval | undefined;
    for (const approval of this.#approvals.values()) {
      if (
        approval.workspaceId === workspaceId &&
        approval.action === action &&
        approval.requestHash === hash &&
        approval.status === "approved" &&
        approval.consumedAt === null &&
        (latest === undefined || (approval.decidedAt ?? 0) >= (latest.decidedAt ?? 0))
      ) {
        latest = approval;
      }
    }
    if (!latest) return false;
    latest.consumedAt = Date.now();
    return true;
  }

  /** The pending approval of this exact request, or a new one. */
  request(workspaceId: string, action: string, reason: string, context: Record<string, unknown>): Approval {
    const requestHash = approvalRequestHash(workspaceId, action, context);
    for (const approval of this.#approvals.values()) {
      if (
        approval.workspaceId === workspaceId &&
        approval.action === action &&
        approval.requestHash === requestHash &&
        approval.status === "pending"
      ) {
        return approval;
      }
    }
    this.#makeRoom();
    const approval: Approval = {
      id: randomUUID(),
      workspaceId,
      action,
      reason,
      context,
      requestHash,
      status: "pending",
      decidedBy: null,
      decidedAt: null,
      consumedAt: null,
      createdAt: Date.now(),
    };
    this.#approvals.set(approval.id, approval);
    return approval;
  }

  /** The conditional UPDATE of `Decide`: only a pending approval of that workspace; false otherwise. */
  decide(
    approvalId: string,
    workspaceId: string,
    decision: "approved" | "denied",
    decidedBy: string,
  ): boolean {
    const approval = this.#approvals.get(approvalId.toLowerCase());
    if (!approval || approval.workspaceId !== workspaceId || approval.status !== "pending") return false;
    approval.status = decision;
    approval.decidedBy = decidedBy;
    approval.decidedAt = Date.now();
    return true;
  }

  get(id: string): Approval | undefined {
    return this.#approvals.get(id);
  }

  all(): Approval[] {
    return [...this.#approvals.values()];
  }

  clear(): void {
    this.#approvals.clear();
  }

  #makeRoom(): void {
    for (const pass of ["decided", "any"] as const) {
      for (const [id, approval] of this.#approvals) {
        if (this.#approvals.size < MAX_APPROVALS) return;
        if (pass === "any" || approval.status !== "pending") this.#approvals.delete(id);
      }
    }
  }
}
