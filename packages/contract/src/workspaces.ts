import { z } from "zod";
import { PlatformMessages as M } from "./platform-messages.js";
import { DeliveryMode, JsonObject, WorkspaceId, WorkspaceKind, WorkspaceStatus } from "./primitives.js";

/**
 * `POST /workspaces` body (contract 9), as `CreateWorkspacePayload` binds it: only `name` is
 * required (non-empty; a blank one binds); every other field is optional, typed as Go types it, and
 * unknown fields are ignored. The platform's own field rules (newlines, lengths, the runtime and
 * model checks, `delivery_mode`) answer 400 or 422 after binding, so they are not schema rules.
 */
export const CreateWorkspaceRequest = z
  .object({
    name: z
      .string()
      .min(1, { error: "is required" })
      .describe('The workspace name; unique among its parent\'s children (a " (2)" suffix otherwise).'),
    role: z
      .string()
      .optional()
      .describe("The workspace's role; at most 1000 bytes, no newline or YAML-special character."),
    template: z
      .string()
      .optional()
      .describe("A template folder whose config.yaml supplies runtime and model."),
    tier: z.int().optional().describe("Resource tier 1-4 (0 or unset: the platform's default, 2)."),
    model: z
      .string()
      .optional()
      .describe("The model id; required (422 MODEL_REQUIRED) for a container workspace."),
    llm_provider: z.string().optional().describe("The LLM provider."),
    runtime: z
      .string()
      .optional()
      .describe(
        "The runtime (claude-code, hermes, codex, openclaw, mock, external, kimi, kimi-cli); default hermes.",
      ),
    external: z
      .boolean()
      .optional()
      .describe("An external workspace: no container, the runtime registers itself."),
    url: z.string().optional().describe("An external workspace's A2A URL; checked by validateAgentURL."),
    delivery_mode: z
      .string()
      .optional()
      .describe("push (default) or poll; another value is a 400 of its own."),
    workspace_dir: z.string().optional().describe("A host directory to mount as /workspace."),
    workspace_access: z
      .string()
      .optional()
      .describe("none (default), read_only or read_write for workspace_dir."),
    parent_id: WorkspaceId.nullable().optional().describe("The parent workspace."),
    budget_limit: z.int().nullable().optional().describe("A spend limit in cents."),
    secrets: z
      .record(z.string(), z.string())
      .optional()
      .describe("Secrets to store, key -> value; they reach the container's environment."),
    plugins: z
      .array(z.string())
      .optional()
      .describe("Plugin sources to declare (MOLECULE_DECLARED_PLUGINS)."),
    max_concurrent_tasks: z.int().optional().describe("Tasks the agent runs at once; 0 or less means 1."),
    compute: JsonObject.optional().describe("Compute settings of the workspace."),
    canvas: z
      .object({ x: z.number().describe("Canvas x."), y: z.number().describe("Canvas y.") })
      .optional()
      .describe("The canvas position {x, y}."),
    initial_memories: z.array(z.unknown()).optional().describe("Memories to seed the workspace with."),
  })
  .describe("POST /workspaces body (CreateWorkspacePayload); only name is required.");
export type CreateWorkspaceRequest = z.infer<typeof CreateWorkspaceRequest>;

/**
 * 201 of `POST /workspaces` for a container workspace: the inline `auth_token` is api-kind (#1644),
 * omitted when minting it failed (the platform logs that and answers 201 anyway).
 */
export const CreatedWorkspace = z
  .object({
    id: WorkspaceId.describe("The new workspace's id."),
    status: z.literal("provisioning").describe('"provisioning".'),
    workspace_access: z.string().optional().describe("The workspace_access in effect."),
    auth_token: z
      .string()
      .optional()
      .describe("An api-kind token bound to the workspace; omitted when minting it failed."),
  })
  .describe("201 of POST /workspaces for a container workspace.");

/**
 * 201 of `POST /workspaces` for an external workspace without a URL (contract 9): no top-level
 * token; `connection` carries an instance-kind token and the connection snippets.
 */
export const CreatedExternalWorkspace = z
  .object({
    id: WorkspaceId.describe("The new workspace's id."),
    external: z.literal(true).describe("Always true."),
    status: z.literal("awaiting_agent").describe('"awaiting_agent": the runtime has not registered yet.'),
    connection: z
      .looseObject({
        workspace_id: WorkspaceId.describe("The workspace id."),
        auth_token: z.string().describe("An instance-kind token for the runtime's register and heartbeats."),
      })
      .describe("What an external runtime needs: endpoints, an instance-kind token, snippets."),
  })
  .describe("201 of POST /workspaces for an external workspace without a URL.");

/** 201 of `POST /workspaces` for an external workspace created with its URL: online at once, no token. */
export const CreatedExternalOnlineWorkspace = z
  .object({
    id: WorkspaceId.describe("The new workspace's id."),
    external: z.literal(true).describe("Always true."),
    status: z.literal("online").describe('"online": the URL is stored, no token is minted.'),
  })
  .describe("201 of POST /workspaces for an external workspace created with its URL.");

/** Any 201 body of `POST /workspaces`. */
export const CreateWorkspaceResponse = z
  .union([CreatedWorkspace, CreatedExternalWorkspace, CreatedExternalOnlineWorkspace])
  .describe("Any 201 body of POST /workspaces.");
export type CreateWorkspaceResponse = z.infer<typeof CreateWorkspaceResponse>;

/**
 * A workspace row as `GET /workspaces/:id` and `GET /workspaces` return it (contract 9). The
 * fields the lifecycle harness reads are required; the rest are optional, and unknown fields pass.
 */
export const WorkspaceRow = z
  .object({
    id: WorkspaceId.describe("The workspace id."),
    name: z.string().describe("The workspace name."),
    status: WorkspaceStatus.describe("The workspace's status."),
    url: z.string().nullable().describe('The stored A2A URL ("" when none).'),
    last_sample_error: z.string().nullable().describe('The latest error sample ("" when none).'),
    tier: z.int().optional().describe("The resource tier."),
    role: z.string().nullable().optional().describe("The role, null when empty."),
    parent_id: WorkspaceId.nullable().optional().describe("The parent workspace, null for a root."),
    runtime: z.string().nullable().optional().describe("The runtime."),
    kind: WorkspaceKind.optional().describe("workspace, or platform for the concierge."),
    delivery_mode: DeliveryMode.optional().describe(
      "push or poll (the mock platform's snapshot only; GET does not send it).",
    ),
    agent_card: JsonObject.nullable().optional().describe("The registered agent card, null when none."),
    active_tasks: z.int().optional().describe("In-flight tasks from the last beat."),
    max_concurrent_tasks: z.int().optional().describe("Tasks the agent runs at once."),
    last_error_rate: z.number().nullable().optional().describe("The error rate of the last beat."),
    uptime_seconds: z.int().nullable().optional().describe("Uptime reported by the last beat."),
    last_heartbeat_at: z.string().nullable().optional().describe("When the last beat came (GET only)."),
    last_outbound_at: z.string().nullable().optional().describe("When the agent last sent A2A (GET only)."),
    wedged: z.boolean().optional().describe("Busy with a stale outbound and a fresh beat (GET only)."),
    current_task: z
      .string()
      .nullable()
      .optional()
      .describe("What the agent is doing (GET /workspaces only; GET /workspaces/:id strips it)."),
    x: z.number().optional().describe("Canvas x."),
    y: z.number().optional().describe("Canvas y."),
    collapsed: z.boolean().optional().describe("Whether the canvas node is collapsed."),
    compute: JsonObject.nullable().optional().describe("Compute settings ({} when none)."),
    loaded_mcp_tools: z
      .array(z.string())
      .nullable()
      .optional()
      .describe("MCP tools the runtime reported loaded ([] when none)."),
    provision_timeout_ms: z
      .int()
      .nullable()
      .optional()
      .describe("The runtime's provision timeout, when it has one."),
    broadcast_enabled: z.boolean().optional().describe("Whether the workspace may broadcast."),
    talk_to_user_enabled: z.boolean().optional().describe("Whether the workspace may talk to the user."),
    mcp_surface: z.unknown().optional().describe("The MCP surface declaration, null when none."),
    budget_limit: z.int().nullable().optional().describe("The spend limit (GET /workspaces only)."),
    monthly_spend: z.int().optional().describe("This month's spend in cents (GET /workspaces only)."),
    workspace_dir: z
      .string()
      .nullable()
      .optional()
      .describe("The host workspace directory (GET /workspaces only)."),
  })
  .describe("A workspace row as GET /workspaces/:id and GET /workspaces return it.");
export type WorkspaceRow = z.infer<typeof WorkspaceRow>;

/** `GET /workspaces`: every row that is not removed. */
export const WorkspaceList = z
  .array(WorkspaceRow)
  .describe("GET /workspaces: every row that is not removed.");
export type WorkspaceList = z.infer<typeof WorkspaceList>;

/** 200 of `GET /workspaces/:id/state` (contract 9): the row's status and whether it is paused. */
export const WorkspaceStateLive = z
  .object({
    workspace_id: WorkspaceId.describe("The workspace id."),
    status: WorkspaceStatus.describe("The row's status."),
    paused: z.boolean().describe("Whether the status is paused."),
    deleted: z.literal(false).describe("false."),
  })
  .describe("200 of GET /workspaces/:id/state.");

/** 404 of `GET /workspaces/:id/state`: no row (`deleted` only), or a removed one (`status: "removed"`). */
export const WorkspaceStateDeleted = z
  .object({
    workspace_id: z.string().describe("The workspace id asked for."),
    status: z
      .literal("removed")
      .optional()
      .describe('"removed" for a removed row; absent when there is no row.'),
    deleted: z.literal(true).describe("true."),
  })
  .describe("404 of GET /workspaces/:id/state: the workspace is gone.");

/** Any body of `GET /workspaces/:id/state`; the status code is the contract (404 means deleted). */
export const WorkspaceState = z
  .union([WorkspaceStateLive, WorkspaceStateDeleted])
  .describe("Any body of GET /workspaces/:id/state; 404 means deleted.");
export type WorkspaceState = z.infer<typeof WorkspaceState>;

/** `POST /workspaces/:id/secrets` body: `key` and `value` both required and non-empty (secrets.go binding). */
export const SecretWriteRequest = z
  .object({
    key: z
      .string()
      .min(1, { error: "is required" })
      .describe("The secret's name (an environment variable name)."),
    value: z.string().min(1, { error: "is required" }).describe("The secret's value."),
  })
  .describe("POST /workspaces/:id/secrets body.");
export type SecretWriteRequest = z.infer<typeof SecretWriteRequest>;

/** `POST /workspaces/:id/secrets` 200 body. */
export const SecretWriteResponse = z
  .object({ status: z.literal("saved").describe('"saved".'), key: z.string().describe("The secret's name.") })
  .describe("200 of POST /workspaces/:id/secrets.");
export type SecretWriteResponse = z.infer<typeof SecretWriteResponse>;

/** 201 of `POST /admin/workspaces/:id/tokens`: an api-kind token bound to the workspace (contract 3.2). */
export const TokenMintResponse = z
  .object({
    auth_token: z
      .string()
      .min(1)
      .describe("An api-kind token, shown once (the platform mints 43 base64url characters)."),
    workspace_id: WorkspaceId.describe("The workspace it is bound to."),
    message: z.literal(M.tokenSaveNow).describe("The platform's fixed text."),
  })
  .describe("201 of POST /admin/workspaces/:id/tokens and POST /workspaces/:id/tokens.");
export type TokenMintResponse = z.infer<typeof TokenMintResponse>;

/** `POST /workspaces/:id/restart` body; every field optional (contract 8.6). */
export const RestartRequest = z
  .object({
    template: z.string().optional().describe("A template to apply."),
    apply_template: z.boolean().optional().describe("Re-apply the runtime's default template."),
    reset: z.boolean().optional().describe("Discard the claude-sessions volume (also ?reset=true)."),
    rebuild_config: z.boolean().optional().describe("Re-render the config volume from the org template."),
  })
  .describe("POST /workspaces/:id/restart body; every field optional.");
export type RestartRequest = z.infer<typeof RestartRequest>;

/**
 * 200 of a restart: `provisioning` (re-provision under way), or `noop` naming the runtime for
 * operator-driven (`external`, `kimi`, `kimi-cli`) and `mock` runtimes.
 */
export const RestartResponse = z
  .union([
    z
      .object({
        status: z.literal("provisioning").describe('"provisioning": the re-provision is under way.'),
        config_dir: z.string().describe("The config volume reused (a label)."),
        reset_session: z.boolean().describe("Whether the claude-sessions volume is discarded."),
      })
      .describe("The restart is under way."),
    z
      .object({
        status: z.literal("noop").describe('"noop": nothing to restart.'),
        runtime: z.string().optional().describe("The operator-driven or mock runtime."),
        message: z.string().optional().describe("Why there is nothing to restart."),
      })
      .describe("An operator-driven (external, kimi, kimi-cli) or mock runtime: nothing restarted."),
  ])
  .describe("200 of POST /workspaces/:id/restart: provisioning, or a no-op.");
export type RestartResponse = z.infer<typeof RestartResponse>;

/** 200 of `DELETE /workspaces/:id`. */
export const DeleteRemovedResponse = z
  .object({
    status: z.literal("removed").describe('"removed".'),
    cascade_deleted: z.int().nonnegative().describe("Descendants removed with it."),
  })
  .describe("200 of DELETE /workspaces/:id.");

/** 200 of `DELETE /workspaces/:id?purge=true`: the rows themselves are gone. */
export const DeletePurgedResponse = z
  .object({
    status: z.literal("purged").describe('"purged": the rows are deleted.'),
    cascade_deleted: z.int().nonnegative().describe("Descendants purged with it."),
  })
  .describe("200 of DELETE /workspaces/:id?purge=true.");

/**
 * 202 of a gated action held by the approval gate (contract 9): an admin-token secret write
 * (`secret_write`); org-token mints and privileged delegation too. Delete is not gated (#2579).
 */
export const PendingApprovalResponse = z
  .object({
    status: z.literal("pending_approval").describe('"pending_approval".'),
    approval_id: z
      .string()
      .min(1)
      .describe("The approval to decide (POST /workspaces/:id/approvals/:approvalId/decide)."),
    action: z.string().describe("The gated action, e.g. secret_write."),
    reason: z.string().describe('Why, e.g. "write secret KEY".'),
  })
  .describe("202 of a gated action: it waits for an approval.");

/** @deprecated Delete is not approval-gated since #2579; the 202 is {@link PendingApprovalResponse}. */
export const DeletePendingApprovalResponse = PendingApprovalResponse;

/** 410 of `GET /workspaces/:id` for a removed workspace (without `?include_removed=true`). */
export const WorkspaceRemovedBody = z
  .object({
    error: z.literal(M.workspaceRemoved).describe('"workspace removed".'),
    id: z.string().describe("The workspace id."),
    hint: z.string().optional().describe("What to do instead (GET only)."),
    removed_at: z.string().nullable().optional().describe("When it was removed, null if unknown (GET only)."),
  })
  .describe("410 of GET (and DELETE) /workspaces/:id for a removed workspace.");

/** 400 of `DELETE /workspaces/:id` without `X-Confirm-Name`. */
export const DeleteConfirmationRequiredBody = z
  .object({
    error: z.literal(M.confirmationRequired).describe('"destructive_action_requires_confirmation".'),
    hint: z.string().describe("How to confirm."),
    workspace_name: z.string().describe("The name to send as X-Confirm-Name."),
    active_tasks: z.int().describe("The workspace's in-flight tasks."),
    child_count: z.int().describe("Its children."),
  })
  .describe("400 of DELETE /workspaces/:id without X-Confirm-Name.");

/** 409 of `DELETE /workspaces/:id` for a workspace with children and no `?confirm=true`. */
export const DeleteCascadeConfirmationBody = z
  .object({
    status: z.literal("confirmation_required").describe('"confirmation_required".'),
    message: z.literal(M.cascadeConfirmation).describe("The platform's fixed text."),
    children: z.array(z.unknown()).describe("The children, {id, name}."),
    children_count: z.int().describe("How many."),
  })
  .describe("409 of DELETE /workspaces/:id for a workspace with children, without ?confirm=true.");

/** Any 2xx body of `DELETE /workspaces/:id`. */
export const DeleteWorkspaceResponse = z
  .union([DeleteRemovedResponse, DeletePurgedResponse])
  .describe("Any 2xx body of DELETE /workspaces/:id.");
export type DeleteWorkspaceResponse = z.infer<typeof DeleteWorkspaceResponse>;

/**
 * `POST /workspaces/:id/approvals/:approvalId/decide` body (approvals.go): `approved` or `denied`;
 * `decided_by` defaults to `human`.
 */
export const ApprovalDecisionRequest = z
  .object({
    decision: z.enum(["approved", "denied"]).describe("approved or denied."),
    decided_by: z.string().optional().describe('Who decided; default "human".'),
  })
  .describe("POST /workspaces/:id/approvals/:approvalId/decide body.");

/** 200 of a decision: the decision and the approval's id. */
export const ApprovalDecisionResponse = z
  .object({
    status: z.enum(["approved", "denied"]).describe("The decision."),
    approval_id: z.string().describe("The approval decided."),
  })
  .describe("200 of a decision.");

/** One token of `GET /workspaces/:id/tokens`: never the plaintext (tokens.go). */
export const TokenListItem = z
  .object({
    id: z.string().describe("The token's id (for DELETE /workspaces/:id/tokens/:tokenId)."),
    prefix: z.string().describe("Its first 8 characters."),
    created_at: z.string().describe("When it was minted."),
    last_used_at: z.string().nullable().describe("When it was last accepted, null if never."),
  })
  .describe("One live token, never its plaintext.");

/** 200 of `GET /workspaces/:id/tokens`: live tokens newest first, and how many are listed. */
export const TokenListResponse = z
  .object({
    tokens: z.array(TokenListItem).describe("Live tokens, newest first."),
    count: z.int().nonnegative().describe("How many are listed."),
  })
  .describe("200 of GET /workspaces/:id/tokens.");
export type TokenListResponse = z.infer<typeof TokenListResponse>;

/** 200 of `DELETE /workspaces/:id/tokens/:tokenId`. */
export const TokenRevokeResponse = z
  .object({ status: z.literal("revoked").describe('"revoked".') })
  .describe("200 of DELETE /workspaces/:id/tokens/:tokenId.");
export type ApprovalDecisionRequest = z.infer<typeof ApprovalDecisionRequest>;

/** 200 of `POST /workspaces/:id/pause`: every row asked for is paused. */
export const PauseResponse = z
  .object({
    status: z.literal("paused").describe('"paused".'),
    paused_count: z.int().nonnegative().describe("Rows paused, descendants included."),
  })
  .describe("200 of POST /workspaces/:id/pause.");

/** 200 of `POST /workspaces/:id/resume`: the rows are provisioning again. */
export const ResumeResponse = z
  .object({
    status: z.literal("provisioning").describe('"provisioning".'),
    resumed_count: z.int().nonnegative().describe("Rows resumed, descendants included."),
  })
  .describe("200 of POST /workspaces/:id/resume.");

/** 200 of `POST /workspaces/:id/hibernate`. */
export const HibernateResponse = z
  .object({ status: z.literal("hibernated").describe('"hibernated": stopped, woken by the next A2A call.') })
  .describe("200 of POST /workspaces/:id/hibernate.");
