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
export const RuntimeMetadata = z
  .object({
    capabilities: z
      .record(z.string(), z.boolean())
      .optional()
      .describe(
        "Capability name -> whether the runtime owns it (heartbeat, scheduler, session, status_mgmt, retry, activity_decoration, channel_dispatch); an open map.",
      ),
    idle_timeout_seconds: z
      .int()
      .optional()
      .describe("Overrides the A2A idle window for this workspace; zero or negative means no override."),
  })
  .describe("Adapter-declared capabilities and overrides; an absent block clears the stored one.");
export type RuntimeMetadata = z.infer<typeof RuntimeMetadata>;

/**
 * `POST /registry/heartbeat` body, `HeartbeatPayload` (contract 5.1). Only `workspace_id` is
 * required; the reference stub sends the first six fields. Types are strict (a wrong type fails
 * to bind: 400), ranges are not (Go binds any float and any int; a negative `monthly_spend`
 * means no update), and unknown fields are ignored.
 */
export const HeartbeatRequest = z
  .object({
    workspace_id: z
      .string()
      .min(1, { error: "is required" })
      .describe("The workspace id; the bearer is bound to it."),
    error_rate: z
      .number()
      .optional()
      .describe("Recent error rate, 0..1 by convention; >= 0.5 degrades an online row."),
    sample_error: z.string().optional().describe("The latest sample error, stored as last_sample_error."),
    active_tasks: z
      .int()
      .optional()
      .describe("In-flight tasks (superseded by is_busy); below max_concurrent_tasks the queue drains."),
    uptime_seconds: z.int().optional().describe("Runtime uptime in seconds."),
    current_task: z
      .string()
      .optional()
      .describe("What the agent is doing now; TASK_UPDATED when it changes."),
    monthly_spend: z
      .int()
      .optional()
      .describe(
        "Cumulative spend this month in cents; 0 (or negative) means no update, larger values are clamped to 1e12.",
      ),
    runtime_state: z
      .string()
      .optional()
      .describe('Runtime health flag: "" healthy, "wedged" degrades the row; an open string.'),
    runtime_metadata: RuntimeMetadata.nullable()
      .optional()
      .describe("Adapter-declared capabilities and overrides; an absent block clears the stored one."),
    is_busy: z
      .boolean()
      .nullable()
      .optional()
      .describe("Whether a turn is executing (successor of active_tasks)."),
    mcp_server_present: z
      .boolean()
      .nullable()
      .optional()
      .describe(
        "Whether the management MCP server is present: absent allows, false fails a platform row closed.",
      ),
    mcp_tools_ready: z
      .boolean()
      .nullable()
      .optional()
      .describe("Tri-state tools readiness: absent not probed yet, false probed and not ready, true loaded."),
    observed_generation: z
      .int()
      .nullable()
      .optional()
      .describe("The desired generation the runtime has acted on; stored as the maximum seen."),
    schema_version: z
      .string()
      .nullable()
      .optional()
      .describe("The heartbeat schema version the runtime speaks."),
    agent_card: JsonObject.nullable()
      .optional()
      .describe("Backfills a missing card; a non-empty card clears the register-failure stamp."),
    loaded_mcp_tools: z
      .array(z.string())
      .nullable()
      .optional()
      .describe(
        "Namespaced MCP tool ids actually loaded (mcp__<server>__<tool>). Omitted is not the same as []: omitted leaves the stored list alone.",
      ),
    first_ready_at: z
      .string()
      .optional()
      .describe("RFC 3339 time of the first tools/list success; observability only."),
  })
  .describe("POST /registry/heartbeat body (HeartbeatPayload).");
export type HeartbeatRequest = z.infer<typeof HeartbeatRequest>;

/**
 * `POST /registry/heartbeat` 200 body (contract 5.2). The current platform always sends
 * `generation`; upstream's SSOT does not pin it, so it is optional here (a verifier checks it).
 */
export const HeartbeatResponse = z
  .object({
    status: z.literal("ok").describe('Always "ok".'),
    generation: z.int().optional().describe("The row's desired_generation (bumped per wake intent)."),
    platform_inbound_secret: z
      .string()
      .optional()
      .describe("The inbound secret, re-delivered on every beat unless healing it failed."),
  })
  .describe("POST /registry/heartbeat 200 body.");
export type HeartbeatResponse = z.infer<typeof HeartbeatResponse>;
