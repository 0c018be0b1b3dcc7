import { z } from "zod";

// The request shapes of upstream's own contract record (the SDK's contracts/workspace-comms
// register and heartbeat schemas, restated here): stricter than the platform's binder, which ignores
// unknown fields and stores any agent_card. `verify runtime` holds bodies to them at SHOULD level.

/** The registered card: any object with a non-empty name. */
const SsotAgentCard = z.looseObject({
  name: z.string().min(1),
  url: z.string().optional(),
  description: z.string().optional(),
});

/** A register request as the SSOT accepts it: no fields beyond these. */
export const SsotRegisterRequest = z.strictObject({
  id: z.string().min(1),
  url: z.string().optional(),
  agent_card: SsotAgentCard,
  delivery_mode: z.enum(["push", "poll"]).optional(),
  kind: z.enum(["workspace", "platform"]).optional(),
  mcp_server_present: z.boolean().optional(),
});

/**
 * A heartbeat request as the SSOT accepts it. `observed_generation` and `schema_version` are in the
 * SDK version the platform pins (its gate test demands every HeartbeatPayload field), so they pass.
 */
export const SsotHeartbeatRequest = z.strictObject({
  workspace_id: z.string().min(1),
  error_rate: z.number().optional(),
  sample_error: z.string().optional(),
  active_tasks: z.int().optional(),
  is_busy: z.boolean().optional(),
  uptime_seconds: z.int().optional(),
  current_task: z.string().optional(),
  monthly_spend: z.int().optional(),
  runtime_state: z.string().optional(),
  runtime_metadata: z
    .strictObject({
      capabilities: z.record(z.string(), z.boolean()).optional(),
      idle_timeout_seconds: z.int().optional(),
    })
    .optional(),
  agent_card: SsotAgentCard.optional(),
  mcp_server_present: z.boolean().optional(),
  loaded_mcp_tools: z.array(z.string()).optional(),
  mcp_tools_ready: z.boolean().optional(),
  first_ready_at: z.string().optional(),
  observed_generation: z.int().optional(),
  schema_version: z.string().optional(),
});
