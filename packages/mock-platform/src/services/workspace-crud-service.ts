import { randomUUID } from "node:crypto";
import {
  type CreateWorkspaceRequest,
  CreateWorkspaceRequest as CreateWorkspaceRequestSchema,
  CreateWorkspaceResponse,
  DeleteCascadeConfirmationBody,
  DeleteConfirmationRequiredBody,
  DeletePendingApprovalResponse,
  DeleteRemovedResponse,
  PlatformMessages as M,
  safeParseContract,
  WorkspaceId,
  WorkspaceList,
  WorkspaceRow,
  WorkspaceState,
} from "@molecule-ctk/contract";
import type { PlatformContext } from "../context/platform-context.js";
import { errorReply, type HttpReply, reply } from "../http/http-reply.js";
import { newWorkspaceRecord, toWorkspaceRow, type WorkspaceRecord } from "../state/workspace-record.js";
import type { ApiCaller } from "./api-auth.js";
import type { LifecycleService } from "./lifecycle-service.js";

const NAME_TAKEN = M.nameTaken;
const DELETE_FAILED = M.deleteFailed;
const DELETE_ACTION = "workspace.delete";

/** The row of a valid, known id, or the 400/404/410 to answer (contract 9). */
export type RowLookup = { ok: true; row: WorkspaceRecord } | { ok: false; reply: HttpReply };

/** Create, read, list, state and delete of the workspace API (contract 9). */
export class WorkspaceCrudService {
  constructor(
    private readonly ctx: PlatformContext,
    private readonly lifecycle: LifecycleService,
  ) {}

  /** Looks a row up: 400 for a non-UUID id, 404 when missing, 410 when removed (unless allowed). */
  lookup(id: string, options: { allowRemoved?: boolean } = {}): RowLookup {
    if (!WorkspaceId.safeParse(id).success)
      return { ok: false, reply: errorReply(400, M.invalidWorkspaceId) };
    const row = this.ctx.state.workspaces.get(id);
    if (!row) return { ok: false, reply: errorReply(404, M.workspaceNotFound) };
    if (row.status === "removed" && !options.allowRemoved) {
      return { ok: false, reply: errorReply(410, M.workspaceRemoved) };
    }
    return { ok: true, row };
  }

  create(body: unknown): HttpReply {
    const parsed = safeParseContract(CreateWorkspaceRequestSchema, body, "create workspace body");
    if (!parsed.ok) {
      const nameIssue = parsed.error.issues.some((issue) => issue.path[0] === "name");
      return errorReply(400, nameIssue ? M.nameRequired : M.invalidRequestBody);
    }
    const input = parsed.value;
    const name = this.#uniqueName(input.name.trim());
    if (name === undefined) return errorReply(409, NAME_TAKEN);
    const row = this.ctx.state.workspaces.insert(this.#record(input, name));
    const { token } = this.ctx.state.tokens.mint(row.id, "api");
    if (row.external) {
      const base = this.ctx.options.platformUrl;
      return reply(CreateWorkspaceResponse, 201, {
        id: row.id,
        external: true,
        status: "awaiting_agent",
        connection: {
          workspace_id: row.id,
          platform_url: base,
          auth_token: token,
          registry_endpoint: `${base}/registry/register`,
          heartbeat_endpoint: `${base}/registry/heartbeat`,
        },
      } as CreateWorkspaceResponse);
    }
    this.ctx.events.emit("WORKSPACE_PROVISIONING", row.id, { reason: "created" });
    this.lifecycle.provisionCreated(row.id);
    return reply(CreateWorkspaceResponse, 201, {
      id: row.id,
      status: "provisioning",
      workspace_access: row.workspaceAccess,
      auth_token: token,
    });
  }

  get(id: string, includeRemoved: boolean): HttpReply {
    const found = this.lookup(id, { allowRemoved: includeRemoved });
    if (!found.ok) return found.reply;
    return reply(WorkspaceRow, 200, toWorkspaceRow(found.row));
  }

  list(): HttpReply {
    return reply(WorkspaceList, 200, this.ctx.state.workspaces.listed().map(toWorkspaceRow));
  }

  state(id: string): HttpReply {
    const row = this.ctx.state.workspaces.get(id);
    if (!row || row.status === "removed") {
      return reply(WorkspaceState, 404, {
        workspace_id: id,
        status: "removed",
        paused: false,
        deleted: true,
      });
    }
    const paused = row.status === "paused";
    return reply(WorkspaceState, 200, { workspace_id: id, status: row.status, paused, deleted: false });
  }

  /** Delete: confirmation name, cascade confirmation, the approval gate for admin callers, then removal. */
  async delete(
    id: string,
    request: { confirmName: string | null; confirm: boolean; purge: boolean; caller: ApiCaller },
  ): Promise<HttpReply> {
    const found = this.lookup(id);
    if (!found.ok) return found.reply;
    const row = found.row;
    const children = this.ctx.state.workspaces.children(id);
    if (request.confirmName !== row.name) {
      return reply(DeleteConfirmationRequiredBody, 400, {
        error: M.confirmationRequired,
        hint: M.confirmationHint.replace("<name>", row.name),
        workspace_name: row.name,
        active_tasks: row.activeTasks,
        child_count: children.length,
      });
    }
    if (children.length > 0 && !request.confirm) {
      return reply(DeleteCascadeConfirmationBody, 409, {
        status: "confirmation_required",
        message: M.cascadeConfirmation,
        children: children.map((child) => ({ id: child.id, name: child.name })),
        children_count: children.length,
      });
    }
    const { approvals, workspaces } = this.ctx.state;
    if (request.caller.kind === "admin" && !approvals.consume(id, DELETE_ACTION)) {
      const approval = approvals.request(id, DELETE_ACTION, `delete workspace ${row.name}`);
      return reply(DeletePendingApprovalResponse, 202, {
        status: "pending_approval",
        approval_id: approval.id,
        action: approval.action,
        reason: approval.reason,
      });
    }
    const rows = [row, ...workspaces.descendants(id)];
    const ok = await this.lifecycle.remove(rows);
    if (request.purge) for (const removed of rows) workspaces.purge(removed.id);
    if (!ok) return errorReply(500, DELETE_FAILED);
    return reply(DeleteRemovedResponse, 200, { status: "removed", cascade_deleted: rows.length - 1 });
  }

  #uniqueName(name: string): string | undefined {
    const taken = new Set(this.ctx.state.workspaces.listed().map((row) => row.name));
    if (!taken.has(name)) return name;
    for (let n = 2; n <= 20; n++) if (!taken.has(`${name} (${n})`)) return `${name} (${n})`;
    return undefined;
  }

  #record(input: CreateWorkspaceRequest, name: string): WorkspaceRecord {
    const external = input.external === true || input.runtime === "external";
    return newWorkspaceRecord({
      id: randomUUID(),
      name,
      role: input.role ?? null,
      tier: input.tier ?? 2,
      runtime: input.runtime ?? (external ? "external" : "langgraph"),
      model: input.model ?? null,
      external,
      status: external ? "awaiting_agent" : "provisioning",
      url: input.url ?? null,
      deliveryMode: input.delivery_mode ?? null,
      parentId: input.parent_id ?? null,
      secrets: { ...(input.secrets ?? {}) },
      plugins: input.plugins ?? [],
      workspaceAccess: input.workspace_access ?? "none",
      maxConcurrentTasks: input.max_concurrent_tasks ?? 1,
      compute: input.compute ?? null,
      x: input.canvas?.x ?? 0,
      y: input.canvas?.y ?? 0,
    });
  }
}
