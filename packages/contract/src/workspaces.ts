import { z } from "zod";
import { PlatformMessages as M } from "./platform-messages.js";
import { DeliveryMode, JsonObject, WorkspaceId, WorkspaceKind, WorkspaceStatus } from "./primitives.js";

/**
 * `POST /workspaces` body (contract 9), as `CreateWorkspacePayload` binds it: only `name` is
 * required (non-empty; a blank one binds); every other field is optional, typed as Go types it, and
 * unknown fields are ignored. The platform's own field rules (newlines, lengths, the runtime and
 * model checks, `delivery_mode`) answer 400 or 422 after binding, so they are not schema rules.
 */
export const CreateWorkspaceRequest = z.object({
  name: z.string().min(1, { error: "is required" }),
  role: z.string().optional(),
  template: z.string().optional(),
  tier: z.int().optional(),
  model: z.string().optional(),
  llm_provider: z.string().optional(),
  runtime: z.string().optional(),
  external: z.boolean().optional(),
  url: z.string().optional(),
  delivery_mode: z.string().optional(),
  workspace_dir: z.string().optional(),
  workspace_access: z.string().optional(),
  parent_id: WorkspaceId.nullable().optional(),
  budget_limit: z.int().nullable().optional(),
  secrets: z.record(z.string(), z.string()).optional(),
  plugins: z.array(z.string()).optional(),
  max_concurrent_tasks: z.int().optional(),
  compute: JsonObject.optional(),
  canvas: z.object({ x: z.number(), y: z.number() }).optional(),
  initial_memories: z.array(z.unknown()).optional(),
});
export type CreateWorkspaceRequest = z.infer<typeof CreateWorkspaceRequest>;

/**
 * 201 of `POST /workspaces` for a container workspace: the inline `auth_token` is api-kind (#1644),
 * omitted when minting it failed (the platform logs that and answers 201 anyway).
 */
export const CreatedWorkspace = z.object({
  id: WorkspaceId,
  status: z.literal("provisioning"),
  workspace_access: z.string().optional(),
  auth_token: z.string().optional(),
});

/**
 * 201 of `POST /workspaces` for an external workspace without a URL (contract 9): no top-level
 * token; `connection` carries an instance-kind token and the connection snippets.
 */
export const CreatedExternalWorkspace = z.object({
  id: WorkspaceId,
  external: z.literal(true),
  status: z.literal("awaiting_agent"),
  connection: z.looseObject({ workspace_id: WorkspaceId, auth_token: z.string() }),
});

/** 201 of `POST /workspaces` for an external workspace created with its URL: online at once, no token. */
export const CreatedExternalOnlineWorkspace = z.object({
  id: WorkspaceId,
  external: z.literal(true),
  status: z.literal("online"),
});

/** Any 201 body of `POST /workspaces`. */
export const CreateWorkspaceResponse = z.union([
  CreatedWorkspace,
  CreatedExternalWorkspace,
  CreatedExternalOnlineWorkspace,
]);
export type CreateWorkspaceResponse = z.infer<typeof CreateWorkspaceResponse>;

/**
 * A workspace row as `GET /workspaces/:id` and `GET /workspaces` return it (contract 9). The
 * fields the lifecycle harness reads are required; the rest are optional, and unknown fields pass.
 */
export const WorkspaceRow = z.object({
  id: WorkspaceId,
  name: z.string(),
  status: WorkspaceStatus,
  url: z.string().nullable(),
  last_sample_error: z.string().nullable(),
  tier: z.int().optional(),
  role: z.string().nullable().optional(),
  parent_id: WorkspaceId.nullable().optional(),
  runtime: z.string().nullable().optional(),
  kind: WorkspaceKind.optional(),
  delivery_mode: DeliveryMode.optional(),
  agent_card: JsonObject.nullable().optional(),
  active_tasks: z.int().optional(),
  max_concurrent_tasks: z.int().optional(),
  last_error_rate: z.number().nullable().optional(),
  uptime_seconds: z.int().nullable().optional(),
  last_heartbeat_at: z.string().nullable().optional(),
  last_outbound_at: z.string().nullable().optional(),
  wedged: z.boolean().optional(),
  current_task: z.string().nullable().optional(),
  x: z.number().optional(),
  y: z.number().optional(),
  collapsed: z.boolean().optional(),
  compute: JsonObject.nullable().optional(),
  loaded_mcp_tools: z.array(z.string()).nullable().optional(),
  provision_timeout_ms: z.int().nullable().optional(),
  broadcast_enabled: z.boolean().optional(),
  talk_to_user_enabled: z.boolean().optional(),
  mcp_surface: z.unknown().optional(),
  budget_limit: z.int().nullable().optional(),
  monthly_spend: z.int().optional(),
  workspace_dir: z.string().nullable().optional(),
});
export type WorkspaceRow = z.infer<typeof WorkspaceRow>;

/** `GET /workspaces`: every row that is not removed. */
export const WorkspaceList = z.array(WorkspaceRow);
export type WorkspaceList = z.infer<typeof WorkspaceList>;

/** 200 of `GET /workspaces/:id/state` (contract 9): the row's status and whether it is paused. */
export const WorkspaceStateLive = z.object({
  workspace_id: WorkspaceId,
  status: WorkspaceStatus,
  paused: z.boolean(),
  deleted: z.literal(false),
});

/** 404 of `GET /workspaces/:id/state`: no row (`deleted` only), or a removed one (`status: "removed"`). */
export const WorkspaceStateDeleted = z.object({
  workspace_id: z.string(),
  status: z.literal("removed").optional(),
  deleted: z.literal(true),
});

/** Any body of `GET /workspaces/:id/state`; the status code is the contract (404 means deleted). */
export const WorkspaceState = z.union([WorkspaceStateLive, WorkspaceStateDeleted]);
export type WorkspaceState = z.infer<typeof WorkspaceState>;

/** `POST /workspaces/:id/secrets` body: `key` and `value` both required and non-empty (secrets.go binding). */
export const SecretWriteRequest = z.object({
  key: z.string().min(1, { error: "is required" }),
  value: z.string().min(1, { error: "is required" }),
});
export type SecretWriteRequest = z.infer<typeof SecretWriteRequest>;

/** `POST /workspaces/:id/secrets` 200 body. */
export const SecretWriteResponse = z.object({ status: z.literal("saved"), key: z.string() });
export type SecretWriteResponse = z.infer<typeof SecretWriteResponse>;

/** 201 of `POST /admin/workspaces/:id/tokens`: an api-kind token bound to the workspace (contract 3.2). */
export const TokenMintResponse = z.object({
  auth_token: z.string().min(1),
  workspace_id: WorkspaceId,
  message: z.literal(M.tokenSaveNow),
});
export type TokenMintResponse = z.infer<typeof TokenMintResponse>;

/** `POST /workspaces/:id/restart` body; every field optional (contract 8.6). */
export const RestartRequest = z.object({
  template: z.string().optional(),
  apply_template: z.boolean().optional(),
  reset: z.boolean().optional(),
  rebuild_config: z.boolean().optional(),
});
export type RestartRequest = z.infer<typeof RestartRequest>;

/**
 * 200 of a restart: `provisioning` (re-provision under way), or `noop` naming the runtime for
 * operator-driven (`external`, `kimi`, `kimi-cli`) and `mock` runtimes.
 */
export const RestartResponse = z.union([
  z.object({ status: z.literal("provisioning"), config_dir: z.string(), reset_session: z.boolean() }),
  z.object({ status: z.literal("noop"), runtime: z.string().optional(), message: z.string().optional() }),
]);
export type RestartResponse = z.infer<typeof RestartResponse>;

/** 200 of `DELETE /workspaces/:id`. */
export const DeleteRemovedResponse = z.object({
  status: z.literal("removed"),
  cascade_deleted: z.int().nonnegative(),
});

/** 200 of `DELETE /workspaces/:id?purge=true`: the rows themselves are gone. */
export const DeletePurgedResponse = z.object({
  status: z.literal("purged"),
  cascade_deleted: z.int().nonnegative(),
});

/**
 * 202 of a gated action held by the approval gate (contract 9): an admin-token secret write
 * (`secret_write`); org-token mints and privileged delegation too. Delete is not gated (#2579).
 */
export const PendingApprovalResponse = z.object({
  status: z.literal("pending_approval"),
  approval_id: z.string().min(1),
  action: z.string(),
  reason: z.string(),
});

/** @deprecated Delete is not approval-gated since #2579; the 202 is {@link PendingApprovalResponse}. */
export const DeletePendingApprovalResponse = PendingApprovalResponse;

/** 410 of `GET /workspaces/:id` for a removed workspace (without `?include_removed=true`). */
export const WorkspaceRemovedBody = z.object({
  error: z.literal(M.workspaceRemoved),
  id: z.string(),
  hint: z.string().optional(),
  removed_at: z.string().nullable().optional(),
});

/** 400 of `DELETE /workspaces/:id` without `X-Confirm-Name`. */
export const DeleteConfirmationRequiredBody = z.object({
  error: z.literal(M.confirmationRequired),
  hint: z.string(),
  workspace_name: z.string(),
  active_tasks: z.int(),
  child_count: z.int(),
});

/** 409 of `DELETE /workspaces/:id` for a workspace with children and no `?confirm=true`. */
export const DeleteCascadeConfirmationBody = z.object({
  status: z.literal("confirmation_required"),
  message: z.literal(M.cascadeConfirmation),
  children: z.array(z.unknown()),
  children_count: z.int(),
});

/** Any 2xx body of `DELETE /workspaces/:id`. */
export const DeleteWorkspaceResponse = z.union([DeleteRemovedResponse, DeletePurgedResponse]);
export type DeleteWorkspaceResponse = z.infer<typeof DeleteWorkspaceResponse>;

/**
 * `POST /workspaces/:id/approvals/:approvalId/decide` body (approvals.go): `approved` or `denied`;
 * `decided_by` defaults to `human`.
 */
export const ApprovalDecisionRequest = z.object({
  decision: z.enum(["approved", "denied"]),
  decided_by: z.string().optional(),
});

/** 200 of a decision: the decision and the approval's id. */
export const ApprovalDecisionResponse = z.object({
  status: z.enum(["approved", "denied"]),
  approval_id: z.string(),
});

/** One token of `GET /workspaces/:id/tokens`: never the plaintext (tokens.go). */
export const TokenListItem = z.object({
  id: z.string(),
  prefix: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
});

/** 200 of `GET /workspaces/:id/tokens`: live tokens newest first, and how many are listed. */
export const TokenListResponse = z.object({ tokens: z.array(TokenListItem), count: z.int().nonnegative() });
export type TokenListResponse = z.infer<typeof TokenListResponse>;

/** 200 of `DELETE /workspaces/:id/tokens/:tokenId`. */
export const TokenRevokeResponse = z.object({ status: z.literal("revoked") });
export type ApprovalDecisionRequest = z.infer<typeof ApprovalDecisionRequest>;
