import { randomUUID } from "node:crypto";

/** A pending or decided approval of a gated admin action (contract 9, CR2 RC 10818). */
export interface Approval {
  id: string;
  workspaceId: string;
  action: string;
  reason: string;
  status: "pending" | "approved" | "rejected" | "consumed";
  decidedBy: string | null;
  createdAt: number;
}

/** Approvals for gated actions; an approved one is consumed by exactly one retry. */
export class ApprovalStore {
  readonly #approvals = new Map<string, Approval>();

  request(workspaceId: string, action: string, reason: string): Approval {
    const approval: Approval = {
      id: randomUUID(),
      workspaceId,
      action,
      reason,
      status: "pending",
      decidedBy: null,
      createdAt: Date.now(),
    };
    this.#approvals.set(approval.id, approval);
    return approval;
  }

  get(id: string): Approval | undefined {
    return this.#approvals.get(id);
  }

  /** Consumes an approved approval of this action; true when one was found. */
  consume(workspaceId: string, action: string): boolean {
    for (const approval of this.#approvals.values()) {
      if (
        approval.workspaceId === workspaceId &&
        approval.action === action &&
        approval.status === "approved"
      ) {
        approval.status = "consumed";
        return true;
      }
    }
    return false;
  }

  all(): Approval[] {
    return [...this.#approvals.values()];
  }

  clear(): void {
    this.#approvals.clear();
  }
}
