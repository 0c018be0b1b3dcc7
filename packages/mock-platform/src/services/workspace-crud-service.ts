import { randomUUID } from "node:crypto";
import {
  bearerToken,
  CreateWorkspaceRequest,
  CreateWorkspaceResponse,
  DeleteCascadeConfirmationBody,
  DeleteConfirmationRequiredBody,
  DeletePurgedResponse,
  DeleteRemovedResponse,
  PlatformMessages as M,
  safeParseContract,
  WorkspaceId,
  WorkspaceList,
  WorkspaceRemovedBody,
  WorkspaceRow,
  WorkspaceState,
} from "@molecule-ctk/contract";
import type { PlatformContext } from "../context/platform-context.js";
import { errorReply, type HttpReply, reply } from "../http/http-reply.js";
import {
  EXTERNAL_LIKE_RUNTIMES,
  newWorkspaceRecord,
  toListedRow,
  toWorkspaceRow,
} from "../state/workspace-record.js";
import { workspaceLimitError } from "../state/workspace-store.js";
import { validateAgentURL } from "../url-safety/url-safety.js";
import { createWorkspaceRejection, defaultRuntime } from "./create-workspace-rules.js";
import type { LifecycleService } from "./lifecycle-service.js";

/** Create, read, list, state and delete of the workspace API (contract 9). */
export class WorkspaceCrudService {
  constructor(
    private readonly ctx: PlatformContext,
    private readonly lifecycle: LifecycleService,
  ) {}

  /**
   * `POST /workspaces` (workspace.go `Create`), in upstream's order: bind (400 `invalid workspace
   * payload`), field rules (400 `invalid workspace fields`), runtime and model (422), the URL (400
   * `unsafe workspace URL: ...`), the name (409 once every suffix is taken), `delivery_mode` (400);
   * then the container variant provisions and answers with an api token, the external variants
   * answer `online` (with a URL) or `awaiting_agent` with an instance-token connection block.
   */
  async create(body: unknown): Promise<HttpReply> {
    const parsed = safeParseContract(CreateWorkspaceRequest, body, "create workspace body");
    if (!parsed.ok) return errorReply(400, M.invalidWorkspacePayload);
    const input = parsed.value;
    const rejected = createWorkspaceRejection(input);
    if (rejected) return rejected;
    const external = input.external === true || EXTERNAL_LIKE_RUNTIMES.has(input.runtime ?? "");
    const runtime = defaultRuntime(input);
    if (input.url) {
      const check = await validateAgentURL(input.url, this.ctx.options);
      if (!check.ok) return errorReply(400, `unsafe workspace URL: ${check.error}`);
    }
    const parentId = input.parent_id ?? null;
    const name = this.#uniqueName(input.name, parentId);
    if (name === undefined) return errorReply(409, M.nameTaken);
    const deliveryMode = input.delivery_mode || "push";
    if (deliveryMode !== "push" && deliveryMode !== "poll") return errorReply(400, M.deliveryModeInvalid);
    const { workspaces, tokens } = this.ctx.state;
    if (!workspaces.makeRoom()) return errorReply(503, workspaceLimitError());
    const row = workspaces.insert(
      newWorkspaceRecord({
        id: randomUUID(),
        name,
        role: input.role || null,
        tier: input.tier || 2,
        runtime,
        model: input.model || null,
        external,
        status: "provisioning",
        deliveryMode,
        parentId,
        secrets: { ...(input.secrets ?? {}) },
        plugins: input.plugins ?? [],
        workspaceAccess: input.workspace_access || "none",
        maxConcurrentTasks: (input.max_concurrent_tasks ?? 0) > 0 ? input.max_concurrent_tasks! : 1,
        compute: input.compute ?? null,
        x: input.canvas?.x ?? 0,
        y: input.canvas?.y ?? 0,
      }),
    );
    this.ctx.events.emit("WORKSPACE_PROVISIONING", row.id, { reason: "created" });
    if (external) {
      if (input.url) {
        row.url = input.url;
        workspaces.setStatus(row, "online", "created_with_url");
        this.ctx.events.emit("WORKSPACE_ONLINE", row.id, { name: row.name, external: true });
        return reply(CreateWorkspaceResponse, 201, { id: row.id, external: true, status: "online" });
      }
      workspaces.setStatus(row, "awaiting_agent", "created_external");
      const { token } = tokens.mint(row.id, "instance");
      return reply(CreateWorkspaceResponse, 201, {
        id: row.id,
        external: true,
        status: "awaiting_agent",
        connection: externalConnection(this.ctx.options.platformUrl, row.id, token),
      });
    }
    const { token } = tokens.mint(row.id, "api");
    this.lifecycle.provisionCreated(row.id);
    return reply(CreateWorkspaceResponse, 201, {
      id: row.id,
      status: "provisioning",
      workspace_access: row.workspaceAccess,
      auth_token: token,
    });
  }

  /**
   * `GET /workspaces/:id` (workspace.go `Get`): 400 for a malformed id, 404 when missing, 410 with a
   * hint when removed (unless `?include_removed=true`); the row without the fields the handler strips.
   */
  get(id: string, includeRemoved: boolean): HttpReply {
    if (!WorkspaceId.safeParse(id).success) return errorReply(400, M.invalidWorkspaceId);
    const row = this.ctx.state.workspaces.get(id);
    if (!row) return errorReply(404, M.workspaceNotFound);
    if (row.status === "removed" && !includeRemoved) {
      return reply(WorkspaceRemovedBody, 410, {
        error: M.workspaceRemoved,
        id,
        hint: M.workspaceRemovedHint,
        removed_at: new Date(row.updatedAt).toISOString(),
      });
    }
    return reply(WorkspaceRow, 200, toWorkspaceRow(row));
  }

  list(): HttpReply {
    return reply(WorkspaceList, 200, this.ctx.state.workspaces.listed().map(toListedRow));
  }

  /**
   * `GET /workspaces/:id/state` (workspace_crud.go `State`), behind WorkspaceAuth: while the
   * workspace holds a live token only a token for it passes (the admin token does not); 404 with
   * `deleted: true` when the row is missing or removed.
   */
  state(id: string, authorization: string | null): HttpReply {
    const { workspaces, tokens } = this.ctx.state;
    if (tokens.live(id).length > 0) {
      const token = bearerToken(authorization);
      if (token === undefined) return errorReply(401, M.missingWorkspaceToken);
      if (!tokens.validate(token, id)) return errorReply(401, M.invalidWorkspaceToken);
    }
    // Upstream's query runs on a uuid column; the mock platform answers a malformed id plainly.
    if (!WorkspaceId.safeParse(id).success) return errorReply(400, M.invalidWorkspaceId);
    const row = workspaces.get(id);
    if (!row) return reply(WorkspaceState, 404, { workspace_id: id, deleted: true });
    if (row.status === "removed") {
      return reply(WorkspaceState, 404, { workspace_id: id, status: "removed", deleted: true });
    }
    const paused = row.status === "paused";
    return reply(WorkspaceState, 200, { workspace_id: id, status: row.status, paused, deleted: false });
  }

  /**
   * `DELETE /workspaces/:id` (workspace_crud.go `Delete`): the id, the row (404, 410), the
   * confirmation name (400), the children (409), then removal; not approval-gated since #2579.
   */
  async delete(
    id: string,
    request: { confirmName: string | null; confirm: boolean; purge: boolean },
  ): Promise<HttpReply> {
    if (!WorkspaceId.safeParse(id).success) return errorReply(400, M.invalidWorkspaceId);
    const { workspaces } = this.ctx.state;
    const row = workspaces.get(id);
    if (!row) return errorReply(404, M.workspaceNotFound);
    if (row.status === "removed") return reply(WorkspaceRemovedBody, 410, { error: M.workspaceRemoved, id });
    const children = workspaces.children(id);
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
    const rows = [row, ...workspaces.descendants(id)];
    const failures = await this.lifecycle.remove(rows);
    if (failures.length > 0) {
      const error = `workspace marked removed, but ${failures.length} stop call(s) failed — please retry: ${failures.join("\n")}`;
      return errorReply(500, error, { removed_count: rows.length, stop_failures: failures.length });
    }
    const cascade = rows.length - 1;
    if (request.purge) {
      for (const removed of rows) workspaces.purge(removed.id);
      return reply(DeletePurgedResponse, 200, { status: "purged", cascade_deleted: cascade });
    }
    return reply(DeleteRemovedResponse, 200, { status: "removed", cascade_deleted: cascade });
  }

  /** The name, or the first free ` (n)` suffix among the parent's children (up to 20). */
  #uniqueName(name: string, parentId: string | null): string | undefined {
    const taken = new Set(
      this.ctx.state.workspaces
        .listed()
        .filter((row) => row.parentId === parentId)
        .map((row) => row.name),
    );
    if (!taken.has(name)) return name;
    for (let n = 2; n <= 20; n++) if (!taken.has(`${name} (${n})`)) return `${name} (${n})`;
    return undefined;
  }
}

/** `BuildExternalConnectionPayload`'s keys: endpoints, the token, and snippets (the mock platform's own wording). */
function externalConnection(platformUrl: string, workspaceId: string, token: string) {
  const register = `${platformUrl}/registry/register`;
  const curl = `curl -X POST ${register} -H 'Authorization: Bearer ${token}' -H 'Content-Type: application/json' -d '{"id":"${workspaceId}","url":"","delivery_mode":"poll","agent_card":{"name":"${workspaceId}"}}'`;
  const snippet = (runtime: string) =>
    `# ${runtime}: register workspace ${workspaceId} at ${register} with the bearer ${token}`;
  return {
    workspace_id: workspaceId,
    platform_url: platformUrl,
    auth_token: token,
    registry_endpoint: register,
    heartbeat_endpoint: `${platformUrl}/registry/heartbeat`,
    curl_register_template: curl,
    python_snippet: snippet("python"),
    claude_code_channel_snippet: snippet("claude-code"),
    universal_mcp_snippet: snippet("mcp"),
    hermes_channel_snippet: snippet("hermes"),
    codex_snippet: snippet("codex"),
    openclaw_snippet: snippet("openclaw"),
    kimi_snippet: snippet("kimi"),
  };
}
