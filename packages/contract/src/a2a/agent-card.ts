import { z } from "zod";
import { JsonObject } from "../primitives.js";

/** The transports an A2A v0.3 agent can prefer. */
export const TransportProtocol = z.enum(["JSONRPC", "GRPC", "HTTP+JSON"]);

/** A skill the agent offers. `tags` is mandatory in v0.3. */
export const AgentSkill = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string(),
  tags: z.array(z.string()),
  examples: z.array(z.string()).optional(),
  inputModes: z.array(z.string()).optional(),
  outputModes: z.array(z.string()).optional(),
});
export type AgentSkill = z.infer<typeof AgentSkill>;

/** Optional capabilities the agent supports. */
export const AgentCapabilities = z.looseObject({
  streaming: z.boolean().optional(),
  pushNotifications: z.boolean().optional(),
  stateTransitionHistory: z.boolean().optional(),
  extensions: z.array(JsonObject).optional(),
});
export type AgentCapabilities = z.infer<typeof AgentCapabilities>;

/**
 * An A2A v0.3 agent card, served at `/.well-known/agent-card.json`. Mandatory in v0.3:
 * protocolVersion, name, description, url, version, capabilities, defaultInputModes,
 * defaultOutputModes and skills (contract 11).
 */
export const AgentCard = z.looseObject({
  protocolVersion: z.string().min(1),
  name: z.string().min(1),
  description: z.string(),
  url: z.string().min(1),
  preferredTransport: TransportProtocol.optional(),
  additionalInterfaces: z.array(z.looseObject({ url: z.string(), transport: z.string() })).optional(),
  version: z.string().min(1),
  capabilities: AgentCapabilities,
  defaultInputModes: z.array(z.string()),
  defaultOutputModes: z.array(z.string()),
  skills: z.array(AgentSkill),
  provider: z.looseObject({ organization: z.string(), url: z.string() }).optional(),
  iconUrl: z.string().optional(),
  documentationUrl: z.string().optional(),
  securitySchemes: JsonObject.optional(),
  security: z.array(z.record(z.string(), z.array(z.string()))).optional(),
  supportsAuthenticatedExtendedCard: z.boolean().optional(),
  signatures: z.array(JsonObject).optional(),
});
export type AgentCard = z.infer<typeof AgentCard>;
