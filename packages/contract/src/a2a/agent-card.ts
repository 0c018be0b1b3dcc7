import { z } from "zod";
import { JsonObject } from "../primitives.js";

/** The transports an A2A v0.3 agent can prefer. */
export const TransportProtocol = z
  .enum(["JSONRPC", "GRPC", "HTTP+JSON"])
  .describe("A transport: JSONRPC, GRPC or HTTP+JSON.");

/** A skill the agent offers. `tags` is mandatory in v0.3. */
export const AgentSkill = z
  .looseObject({
    id: z.string().min(1).describe("The skill's id."),
    name: z.string().min(1).describe("The skill's name."),
    description: z.string().describe("What the skill does."),
    tags: z.array(z.string()).describe("Keywords of the skill."),
    examples: z.array(z.string()).optional().describe("Example prompts."),
    inputModes: z.array(z.string()).optional().describe("Input MIME types, overriding the card's."),
    outputModes: z.array(z.string()).optional().describe("Output MIME types, overriding the card's."),
  })
  .describe("A skill the agent offers.");
export type AgentSkill = z.infer<typeof AgentSkill>;

/** Optional capabilities the agent supports. */
export const AgentCapabilities = z
  .looseObject({
    streaming: z.boolean().optional().describe("Whether the agent streams (message/stream)."),
    pushNotifications: z.boolean().optional().describe("Whether the agent pushes task updates."),
    stateTransitionHistory: z.boolean().optional().describe("Whether the agent keeps the status history."),
    extensions: z.array(JsonObject).optional().describe("Extensions the agent supports."),
  })
  .describe("Optional capabilities of the agent.");
export type AgentCapabilities = z.infer<typeof AgentCapabilities>;

/**
 * An A2A v0.3 agent card, served at `/.well-known/agent-card.json`. Mandatory in v0.3:
 * protocolVersion, name, description, url, version, capabilities, defaultInputModes,
 * defaultOutputModes and skills (contract 11).
 */
export const AgentCard = z
  .looseObject({
    protocolVersion: z.string().min(1).describe('The A2A version, e.g. "0.3.0".'),
    name: z.string().min(1).describe("The agent's name."),
    description: z.string().describe("What the agent does."),
    url: z.string().min(1).describe("The agent's endpoint for its preferred transport."),
    preferredTransport: TransportProtocol.optional(),
    additionalInterfaces: z
      .array(
        z
          .looseObject({
            url: z.string().describe("The endpoint."),
            transport: z.string().describe("Its transport."),
          })
          .describe("Another endpoint of the agent."),
      )
      .optional()
      .describe("Other endpoints and their transports."),
    version: z.string().min(1).describe("The agent's own version."),
    capabilities: AgentCapabilities,
    defaultInputModes: z.array(z.string()).describe("Input MIME types the agent takes."),
    defaultOutputModes: z.array(z.string()).describe("Output MIME types the agent gives."),
    skills: z.array(AgentSkill).describe("The agent's skills."),
    provider: z
      .looseObject({
        organization: z.string().describe("The provider's name."),
        url: z.string().describe("The provider's site."),
      })
      .optional()
      .describe("Who provides the agent."),
    iconUrl: z.string().optional().describe("An icon of the agent."),
    documentationUrl: z.string().optional().describe("The agent's documentation."),
    securitySchemes: JsonObject.optional().describe("Security schemes, by name."),
    security: z
      .array(z.record(z.string(), z.array(z.string())))
      .optional()
      .describe("Security requirements (scheme name -> scopes)."),
    supportsAuthenticatedExtendedCard: z.boolean().optional().describe("Whether an extended card exists."),
    signatures: z.array(JsonObject).optional().describe("JWS signatures of the card."),
  })
  .describe("An A2A v0.3 agent card, served at /.well-known/agent-card.json.");
export type AgentCard = z.infer<typeof AgentCard>;
