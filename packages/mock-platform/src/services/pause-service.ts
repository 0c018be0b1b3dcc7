import {
  ancestorPausedMessage,
  HibernateResponse,
  PlatformMessages as M,
  PauseResponse,
  ResumeResponse,
  WorkspaceId,
} from "@molecule-ctk/contract";
import type { PlatformContext } from "../context/platform-context.js";
import { errorReply, type HttpReply, reply } from "../http/http-reply.js";
import type { WorkspaceRecord } from "../state/workspace-record.js";
import type { LifecycleService } from "./lifecycle-service.js";

type Failure = { workspace_id: string; name: string; stage: string; error: string };

/**
 * Pause, resume and hibernate (workspace_restart.go), each behind WorkspaceAuth. A paused or
 * hibernated row is never lifted back by a register or a heartbeat (#2332), and `RestartByID`
 * skips it and its descendants.
 */
export class PauseService {
  constructor(
    private readonly ctx: PlatformContext,
    private readonly lifecycle: LifecycleService,
  ) {}

  /**
   * `Pause`: the row (not removed, not paused), its descendants that are neither (409 without
   * `?cascade=true`), then per row: stop the container, mark `paused`, clear the URL and liveness,
   * broadcast WORKSPACE_PAUSED. 200 when all paused; 207 or 500 naming each failed stage.
   */
  async pause(id: string, cascade: boolean): Promise<HttpReply> {
    if (!WorkspaceId.safeParse(id).success) return errorReply(400, M.invalidWorkspaceId);
    const { workspaces } = this.ctx.state;
    const row = workspaces.get(id);
    if (!row || row.status === "removed" || row.status === "paused") return errorReply(404, M.pauseNotFound);
    const descendants = this.#descendants(id, (r) => r.status !== "removed" && r.status !== "paused");
    if (!cascade && descendants.length > 0) {
      return errorReply(409, M.pauseHasDescendants, { descendants: descendants.map(summary) });
    }
    const failures: Failure[] = [];
    let paused = 0;
    for (const target of [row, ...descendants]) {
      try {
        await this.lifecycle.stop(target.id);
      } catch (error) {
        failures.push(failed(target, "stop", error));
        continue; // still running: it is not paused
      }
      if (target.status === "removed" || target.status === "paused") {
        failures.push(failed(target, "claim", new Error("workspace was no longer pausable")));
        continue;
      }
      workspaces.setStatus(target, "paused", "paused");
      this.ctx.events.emit("WORKSPACE_PAUSED", target.id, { name: target.name });
      paused++;
    }
    const total = descendants.length + 1;
    return summarise("paused", paused, total, failures);
  }

  /**
   * `Resume`: the paused row (404 otherwise), the provisioner (503), a paused ancestor (409), its
   * paused descendants (409 without `?cascade=true`), then each row goes `provisioning` and is
   * provisioned again with its config volume. 200 `{"status":"provisioning","resumed_count"}`.
   */
  resume(id: string, cascade: boolean): HttpReply {
    if (!WorkspaceId.safeParse(id).success) return errorReply(400, M.invalidWorkspaceId);
    const { workspaces } = this.ctx.state;
    const row = workspaces.get(id);
    if (row?.status !== "paused") return errorReply(404, M.resumeNotFound);
    if (!this.ctx.options.provisioner) return errorReply(503, M.provisionerUnavailable);
    const paused = workspaces.pausedAncestor(row);
    if (paused) return errorReply(409, ancestorPausedMessage(paused.name));
    const descendants = this.#descendants(id, (r) => r.status === "paused");
    if (!cascade && descendants.length > 0) {
      return errorReply(409, M.resumeHasDescendants, { descendants: descendants.map(summary) });
    }
    for (const target of [row, ...descendants]) {
      workspaces.setStatus(target, "provisioning", "resumed");
      this.ctx.events.emit("WORKSPACE_PROVISIONING", target.id, { name: target.name, reason: "resumed" });
      this.lifecycle.provisionResumed(target.id);
    }
    return reply(ResumeResponse, 200, { status: "provisioning", resumed_count: descendants.length + 1 });
  }

  /**
   * `Hibernate`: only an online or degraded row (404 otherwise); active tasks need `?force=true`
   * (409); then `hibernating`, the container stopped, `hibernated` with no URL and no active tasks.
   */
  async hibernate(id: string, force: boolean): Promise<HttpReply> {
    if (!WorkspaceId.safeParse(id).success) return errorReply(400, M.invalidWorkspaceId);
    const { workspaces } = this.ctx.state;
    const row = workspaces.get(id);
    if (!row || (row.status !== "online" && row.status !== "degraded")) {
      return errorReply(404, M.hibernateNotFound);
    }
    if (row.activeTasks > 0 && !force) {
      return errorReply(409, M.hibernateActiveTasks, { active_tasks: row.activeTasks });
    }
    workspaces.setStatus(row, "hibernating", "hibernate");
    try {
      await this.lifecycle.stop(id);
    } catch {
      // upstream logs a failed stop and still marks the row hibernated
    }
    row.activeTasks = 0;
    workspaces.setStatus(row, "hibernated", "hibernate");
    this.ctx.events.emit("WORKSPACE_HIBERNATED", id, { name: row.name, tier: row.tier });
    return reply(HibernateResponse, 200, { status: "hibernated" });
  }

  #descendants(id: string, keep: (row: WorkspaceRecord) => boolean): WorkspaceRecord[] {
    const out: WorkspaceRecord[] = [];
    const walk = (parentId: string, depth: number) => {
      if (depth > 32) return;
      for (const child of this.ctx.state.workspaces.all()) {
        if (child.parentId !== parentId || !keep(child)) continue;
        out.push(child);
        walk(child.id, depth + 1);
      }
    };
    walk(id, 0);
    return out;
  }
}

const summary = (row: WorkspaceRecord) => ({ id: row.id, name: row.name });

function failed(row: WorkspaceRecord, stage: string, error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error);
  return { workspace_id: row.id, name: row.name, stage, error: message };
}

function summarise(verb: "paused", done: number, total: number, failures: Failure[]): HttpReply {
  if (failures.length === 0) return reply(PauseResponse, 200, { status: verb, paused_count: done });
  if (done === 0) {
    return {
      status: 500,
      body: {
        error: `no workspace reached the paused state (${failures.length} step(s) failed) — see failures[]: stage "stop" = the workload was never stopped; stage "mark_paused"/"claim" = it WAS stopped but its row does not say paused. Re-check status before retrying`,
        failed_count: failures.length,
        failures,
        paused_count: 0,
        status: "pause_failed",
      },
    };
  }
  return {
    status: 207,
    body: {
      error: `${done} of ${total} workspace(s) paused; ${failures.length} step(s) failed — see failures[] for which workspace and which stage`,
      failed_count: failures.length,
      failures,
      paused_count: done,
      status: "partially_paused",
    },
  };
}
