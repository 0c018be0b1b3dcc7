import { z } from "zod";
import { JsonObject } from "./primitives.js";

/** Capability keys a runtime can report in `runtime_metadata.capabilities` (contract 5.1). */
export const RuntimeCapability = z.enum([
  "heartbeat",
  "scheduler",
  "session",
  "status_mgmt",
  "retry",
  "activity_decoration",
  "channel_dispatch",
]);
export type RuntimeCapability = z.infer<typeof RuntimeCapability>;

/** `runtime_metadata` of a heartbeat: capabilities and an idle-timeout override (contract 5.1). */
export const RuntimeMetadata = z.object({
  capabilities: z.record(z.string(), z.boolean()).optional(),
  idle_timeout_seconds: z.int().nonnegative().optional(),
});
export type RuntimeMetadata = z.infer<typeof RuntimeMetadata>;

/**
 * `POST /registry/heartbeat` body, `HeartbeatPayload` (contract 5.1). Only `workspace_id` is
 * required; the reference stub sends the first six fields. Types are strict (a wrong type fails
 * to bind: 400), unknown fields are ignored. `error_rate` is documented as 0..1 and checked so.
 */
export const HeartbeatRequest = z.object({
  workspace_id: z.string().min(1, { error: "is required" }),
  error_rate: z.number().min(0).max(1).optional(),
  sample_error: z.string().optional(),
  active_tasks: z.int().nonnegative().optional(),
  uptime_seconds: z.int().nonnegative().optional(),
  current_task: z.string().optional(),
  monthly_spend: z.int().optional(),
  runtime_state: z.string().optional(),
  runtime_metadata: RuntimeMetadata.nullable().optional(),
  is_busy: z.boolean().nullable().optional(),
  mcp_server_present: z.boolean().nullable().optional(),
  mcp_tools_ready: z.boolean().nullable().optional(),
  observed_generation: z.int().nullable().optional(),
  schema_version: z.string().nullable().optional(),
  agent_card: JsonObject.nullable().optional(),
  loaded_mcp_tools: z.array(z.string()).nullable().optional(),
  first_ready_at: z.string().optional(),
});
export type HeartbeatRequest = z.infer<typeof HeartbeatRequest>;

/** `POST /registry/heartbeat` 200 body (contract 5.2); unknown fields are tolerated. */
export const HeartbeatResponse = z.object({
  status: z.literal("ok"),
  generation: z.int(),
  platform_inbound_secret: z.string().min(1).optional(),
});
export type HeartbeatResponse = z.infer<typeof HeartbeatResponse>;
