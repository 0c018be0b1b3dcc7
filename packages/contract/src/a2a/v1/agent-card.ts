import { z } from "zod";
import { JsonObject } from "../../primitives.js";

/** One way to reach the agent: a URL, a binding (`JSONRPC`, `GRPC`, `HTTP+JSON`) and an A2A `Major.Minor` version. */
export const V1AgentInterface = z.looseObject({
  url: z.string().min(1),
  protocolBinding: z.string().min(1),
  tenant: z.string().optional(),
  protocolVersion: z.string().min(1),
});
export type V1AgentInterface = z.infer<typeof V1AgentInterface>;

/** A v1.0 skill; `tags` stays mandatory. */
export const V1AgentSkill = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string(),
  tags: z.array(z.string()),
  examples: z.array(z.string()).optional(),
  inputModes: z.array(z.string()).optional(),
  outputModes: z.array(z.string()).optional(),
  securityRequirements: z.array(JsonObject).optional(),
});
export type V1AgentSkill = z.infer<typeof V1AgentSkill>;

/** v1.0 capabilities: the extended-card flag moved here; `stateTransitionHistory` is gone. */
export const V1AgentCapabilities = z.looseObject({
  streaming: z.boolean().optional(),
  pushNotifications: z.boolean().optional(),
  extensions: z.array(JsonObject).optional(),
  extendedAgentCard: z.boolean().optional(),
});
export type V1AgentCapabilities = z.infer<typeof V1AgentCapabilities>;

/**
 * An A2A v1.0 agent card: `supportedInterfaces` (first entry preferred) replaces v0.3's `url`,
 * `preferredTransport`, `additionalInterfaces` and card-level `protocolVersion`.
 */
export const V1AgentCard = z.looseObject({
  name: z.string().min(1),
  description: z.string(),
  supportedInterfaces: z.array(V1AgentInterface).min(1),
  provider: z.looseObject({ url: z.string(), organization: z.string() }).optional(),
  version: z.string().min(1),
  documentationUrl: z.string().optional(),
  capabilities: V1AgentCapabilities,
  securitySchemes: JsonObject.optional(),
  securityRequirements: z.array(JsonObject).optional(),
  defaultInputModes: z.array(z.string()),
  defaultOutputModes: z.array(z.string()),
  skills: z.array(V1AgentSkill),
  signatures: z.array(JsonObject).optional(),
  iconUrl: z.string().optional(),
});
export type V1AgentCard = z.infer<typeof V1AgentCard>;
