import { z } from "zod";
import { DeliveryMode, HttpUrl, JsonObject, WorkspaceKind } from "./primitives.js";

/**
 * The card sent with register. The platform stores it as jsonb and never validates its schema
 * (contract 4.1), so any object passes; it is not required to be a full A2A AgentCard, nor to have
 * the `name` upstream's SSOT pins ({@link RegisteredAgentCard} is that stricter shape).
 */
export const RegisterAgentCard = JsonObject.describe(
  "The workspace's agent card, stored as jsonb without a schema check; any object. Upstream's SSOT pins a non-empty `name` (schema registered-agent-card).",
);
export type RegisterAgentCard = z.infer<typeof RegisterAgentCard>;

/**
 * The minimal shared agent-card shape of upstream's SSOT (workspace-comms `agent-card`): a
 * non-empty `name`, optional `url` and `description`, anything else allowed. The platform itself
 * accepts any object; a runtime that sends this shape is what the SSOT asks for.
 */
export const RegisteredAgentCard = z
  .looseObject({
    name: z.string().min(1).describe("Display name of the agent; the one required card field."),
    url: z
      .string()
      .optional()
      .describe("Advertised A2A URL; checked with isSafeURL when present (contract 2.3)."),
    description: z.string().optional().describe("Free-text description of the agent."),
  })
  .describe(
    "The registered agent card as upstream's SSOT pins it: a non-empty name, optional url and description.",
  );
export type RegisteredAgentCard = z.infer<typeof RegisteredAgentCard>;

/**
 * `POST /registry/register` body (contract 4.1), `RegisterPayload`. Types are strict (Go's binder
 * rejects a wrong type with "invalid request body"); unknown fields are ignored, as Go's binder
 * ignores them. Two rules depend on the stored row, so the platform checks them, not the schema:
 * the push-mode URL ({@link registerPushUrl}) and `kind: "platform"`, refused with 403 on this
 * public path unless the row already is the platform's.
 */
export const RegisterRequest = z
  .object({
    id: z
      .string()
      .min(1, { error: "is required" })
      .describe("The workspace id (the runtime's WORKSPACE_ID)."),
    url: z
      .string()
      .optional()
      .describe(
        "Inbound A2A URL. Required when the effective delivery mode is push (an empty one falls back to agent_card.url); ignored for poll.",
      ),
    agent_card: RegisterAgentCard,
    delivery_mode: DeliveryMode.optional().describe(
      "push or poll; absent keeps the row's mode (poll for external runtimes, else push).",
    ),
    kind: WorkspaceKind.optional().describe(
      "workspace or platform; platform is refused (403) on this path unless the row is already the platform concierge.",
    ),
    mcp_server_present: z
      .boolean()
      .nullable()
      .optional()
      .describe("Whether the management MCP server is present; false fails a platform row closed."),
  })
  .describe("POST /registry/register body (RegisterPayload).");
export type RegisterRequest = z.infer<typeof RegisterRequest>;

/** The URL a push-mode register is checked and stored with: `url`, else `agent_card.url` (contract 4.1). */
export function registerPushUrl(request: RegisterRequest): string {
  const cardUrl = typeof request.agent_card.url === "string" ? request.agent_card.url : "";
  return request.url || cardUrl;
}

/**
 * `POST /registry/register` 200 body (contract 4.4). `auth_token` is present only when the
 * workspace had no live instance token before the call; `platform_inbound_secret` is omitted when
 * the platform cannot read or mint it. The real platform mints 43-character tokens, but the SSOT
 * pins no format, so the schema does not either (a verifier checks the format; {@link AuthToken}).
 */
export const RegisterResponse = z
  .object({
    status: z.literal("registered").describe('Always "registered".'),
    delivery_mode: DeliveryMode.describe("The effective delivery mode after this register."),
    platform_inbound_secret: z
      .string()
      .optional()
      .describe(
        "The secret the platform signs proxied A2A with; delivered on every register unless healing it failed.",
      ),
    auth_token: z
      .string()
      .optional()
      .describe(
        "An instance token, minted only when the workspace had no live instance token before the call.",
      ),
  })
  .describe("POST /registry/register 200 body.");
export type RegisterResponse = z.infer<typeof RegisterResponse>;

/** `POST /registry/update-card` body (contract 4.5): both fields required. */
export const UpdateCardRequest = z
  .object({
    workspace_id: z
      .string()
      .min(1, { error: "is required" })
      .describe("The workspace whose card is replaced."),
    agent_card: RegisterAgentCard,
  })
  .describe("POST /registry/update-card body.");
export type UpdateCardRequest = z.infer<typeof UpdateCardRequest>;

/** `POST /registry/update-card` 200 body. */
export const UpdateCardResponse = z
  .object({ status: z.literal("updated").describe('Always "updated".') })
  .describe("POST /registry/update-card 200 body.");
export type UpdateCardResponse = z.infer<typeof UpdateCardResponse>;

/** The register `url` a workspace advertises, when it is given (contract 2.3 checks it further). */
export const AgentUrl = HttpUrl;
