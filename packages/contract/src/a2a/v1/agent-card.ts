import { z } from "zod";
import { JsonObject } from "../../primitives.js";
import { AgentSkill } from "../agent-card.js";

/** Security requirements of a card or a skill: each names security schemes and the scopes they need. */
const securityRequirements = (use: string) =>
  z
    .array(JsonObject)
    .optional()
    .describe(`Security requirements to ${use}, each naming schemes and the scopes they need.`);

/** One way to reach the agent: a URL, a binding (`JSONRPC`, `GRPC`, `HTTP+JSON`) and an A2A `Major.Minor` version. */
export const V1AgentInterface = z
  .looseObject({
    url: z.string().min(1).describe("The endpoint of this interface."),
    protocolBinding: z.string().min(1).describe("Its protocol binding: JSONRPC, GRPC, HTTP+JSON or another."),
    tenant: z.string().optional().describe("The tenant to name in calls through this interface."),
    protocolVersion: z.string().min(1).describe('The A2A version it speaks, Major.Minor, e.g. "1.0".'),
  })
  .describe("One way to reach the agent: URL, protocol binding and A2A version.");
export type V1AgentInterface = z.infer<typeof V1AgentInterface>;

/** A v1.0 skill: v0.3's fields (`tags` stays mandatory) and the security it needs. */
export const V1AgentSkill = AgentSkill.extend({
  securityRequirements: securityRequirements("use the skill"),
}).describe("A skill the agent offers.");
export type V1AgentSkill = z.infer<typeof V1AgentSkill>;

/** v1.0 capabilities: the extended-card flag moved here; `stateTransitionHistory` is gone. */
export const V1AgentCapabilities = z
  .looseObject({
    streaming: z.boolean().optional().describe("Whether the agent streams (SendStreamingMessage)."),
    pushNotifications: z.boolean().optional().describe("Whether the agent pushes task updates."),
    extensions: z.array(JsonObject).optional().describe("Protocol extensions the agent supports."),
    extendedAgentCard: z
      .boolean()
      .optional()
      .describe("Whether an authenticated client can get an extended card."),
  })
  .describe("Optional capabilities of the agent.");
export type V1AgentCapabilities = z.infer<typeof V1AgentCapabilities>;

/**
 * An A2A v1.0 agent card: `supportedInterfaces` (first entry preferred) replaces v0.3's `url`,
 * `preferredTransport`, `additionalInterfaces` and card-level `protocolVersion`.
 */
export const V1AgentCard = z
  .looseObject({
    name: z.string().min(1).describe("The agent's name."),
    description: z.string().describe("What the agent does."),
    supportedInterfaces: z
      .array(V1AgentInterface)
      .min(1)
      .describe("The ways to reach the agent, the preferred one first."),
    provider: z
      .looseObject({
        url: z.string().describe("The provider's site."),
        organization: z.string().describe("The provider's name."),
      })
      .optional()
      .describe("Who provides the agent."),
    version: z.string().min(1).describe("The agent's own version."),
    documentationUrl: z.string().optional().describe("The agent's documentation."),
    capabilities: V1AgentCapabilities,
    securitySchemes: JsonObject.optional().describe("Security schemes, by name."),
    securityRequirements: securityRequirements("call the agent"),
    defaultInputModes: z
      .array(z.string())
      .describe("Input MIME types the agent takes, unless a skill says otherwise."),
    defaultOutputModes: z
      .array(z.string())
      .describe("Output MIME types the agent gives, unless a skill says otherwise."),
    skills: z.array(V1AgentSkill).describe("The agent's skills."),
    signatures: z.array(JsonObject).optional().describe("JWS signatures of the card."),
    iconUrl: z.string().optional().describe("An icon of the agent."),
  })
  .describe("An A2A v1.0 agent card, listing its supported interfaces.");
export type V1AgentCard = z.infer<typeof V1AgentCard>;
