import { z } from "zod";
import { PlatformMessages as M } from "./platform-messages.js";
import {
  AuthToken,
  DeliveryMode,
  JsonObject,
  WorkspaceId,
  WorkspaceKind,
  WorkspaceStatus,
} from "./primitives.js";

/**
 * `POST /workspaces` body (contract 9). Only `name` is required; every other field is optional and
 * unknown fields are ignored, as the platform's binder ignores them.
 */
export const CreateWorkspaceRequest = z.object({
  name: z.string().trim().min(1, { error: "is required" }),
  role: z.string().optional(),
  template: z.string().optional(),
  tier: z.int().min(0).max(4).optional(),
  model: z.string().optional(),
  llm_provider: z.string().optional(),
  runtime: z.string().optional(),
  external: z.boolean().optional(),
  url: z.string().optional(),
  delivery_mode: DeliveryMode.optional(),
  workspace_dir: z.string().optional(),
  workspace_access: z.string().optional(),
  parent_id: WorkspaceId.nullable().optional(),
  budget_limit: z.number().nullable().optional(),
  secrets: z.record(z.string(), z.string()).optional(),
  plugins: z.array(z.string()).optional(),
  max_concurrent_tasks: z.int().positive().optional(),
  compute: JsonObject.optional(),
  canvas: z.object({ x: z.number(), y: z.number() }).optional(),
  initial_memories: z.array(z.unknown()).optional(),
});
export type CreateWorkspaceRequest = z.infer<typeof CreateWorkspaceRequest>;

/** 201 of `POST /workspaces` for a container workspace: the inline `auth_token` is api-kind (#1644). */
export const CreatedWorkspace = z.object({
  id: WorkspaceId,
  status: z.literal("provisioning"),
  workspace_access: z.string().optional(),
  auth_token: AuthToken,
});

/** 201 of `POST /workspaces` for an external workspace without a URL (contract 9). */
export const CreatedExternalWorkspace = z.object({
  id: WorkspaceId,
  external: z.literal(true),
  status: z.literal("awaiting_agent"),
  connection: z.object({ workspace_id: WorkspaceId, auth_token: AuthToken }),
});

/** Any 201 body of `POST /workspaces`. */
export const CreateWorkspaceResponse = z.union([CreatedWorkspace, CreatedExternalWorkspace]);
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
});
export type WorkspaceRow = z.infer<typeof WorkspaceRow>;

/** `GET /workspaces`: every row that is not removed. */
export const WorkspaceList = z.array(WorkspaceRow);
export type WorkspaceList = z.infer<typeof WorkspaceList>;

/** `GET /workspaces/:id/state` (contract 9). */
export const WorkspaceState = z.object({
  workspace_id: WorkspaceId,
  status: WorkspaceStatus,
  paused: z.boolean(),
  deleted: z.boolean(),
});
export type WorkspaceState = z.infer<typeof WorkspaceState>;

/** `POST /workspaces/:id/secrets` body. */
export const SecretWriteRequest = z.object({
  key: z.string().min(1, { error: "is required" }),
  value: z.string(),
});
export type SecretWriteRequest = z.infer<typeof SecretWriteRequest>;

/** `POST /workspaces/:id/secrets` 200 body. */
export const SecretWriteResponse = z.object({ status: z.literal("saved"), key: z.string() });
export type SecretWriteResponse = z.infer<typeof SecretWriteResponse>;

/** 201 of `POST /admin/workspaces/:id/tokens`: an api-kind token bound to the workspace (contract 3.2). */
export const TokenMintResponse = z.object({
  auth_token: AuthToken,
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

/** 200 of a restart: `provisioning` (re-provision under way), or `noop` for external runtimes. */
export const RestartResponse = z.union([
  z.object({ status: z.literal("provisioning"), config_dir: z.string(), reset_session: z.boolean() }),
  z.object({ status: z.literal("noop") }),
]);
export type RestartResponse = z.infer<typeof RestartResponse>;

/** 200 of `DELETE /workspaces/:id`. */
export const DeleteRemovedResponse = z.object({
  status: z.literal("removed"),
  cascade_deleted: z.int().nonnegative(),
});

/** 202 of `DELETE /workspaces/:id` behind the approval gate (contract 9). */
export const DeletePendingApprovalResponse = z.object({
  status: z.literal("pending_approval"),
  approval_id: z.string().min(1),
  action: z.string(),
  reason: z.string(),
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
export const DeleteWorkspaceResponse = z.union([DeleteRemovedResponse, DeletePendingApprovalResponse]);
export type DeleteWorkspaceResponse = z.infer<typeof DeleteWorkspaceResponse>;

/** `POST /workspaces/:id/approvals/:approvalId/decide` body. */
export const ApprovalDecisionRequest = z.object({
  decision: z.enum(["approved", "rejected"]),
  decided_by: z.string().optional(),
});
export type ApprovalDecisionRequest = z.infer<typeof ApprovalDecisionRequest>;
