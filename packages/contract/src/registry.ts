import { z } from "zod";
import { AuthToken, DeliveryMode, HttpUrl, JsonObject, WorkspaceKind } from "./primitives.js";

/**
 * The card sent with register. The platform stores it as jsonb and never validates its schema
 * (contract 4.1), so any object passes; it is not required to be a full A2A AgentCard.
 */
export const RegisterAgentCard = JsonObject;
export type RegisterAgentCard = z.infer<typeof RegisterAgentCard>;

/**
 * `POST /registry/register` body (contract 4.1). Types are strict (Go's binder rejects a wrong
 * type with "invalid request body"); unknown fields are ignored, as Go's binder ignores them.
 * `url` is optional here: it is required only when the effective delivery mode is push, which
 * depends on the stored row, so the platform checks it, not the schema.
 */
export const RegisterRequest = z.object({
  id: z.string().min(1, { error: "is required" }),
  url: z.string().optional(),
  agent_card: RegisterAgentCard,
  delivery_mode: DeliveryMode.optional(),
  kind: WorkspaceKind.optional(),
  mcp_server_present: z.boolean().nullable().optional(),
});
export type RegisterRequest = z.infer<typeof RegisterRequest>;

/**
 * `POST /registry/register` 200 body (contract 4.4). `auth_token` is present only when the
 * workspace had no live instance token before the call; unknown fields are tolerated.
 */
export const RegisterResponse = z.object({
  status: z.literal("registered"),
  delivery_mode: DeliveryMode,
  platform_inbound_secret: z.string().min(1),
  auth_token: AuthToken.optional(),
});
export type RegisterResponse = z.infer<typeof RegisterResponse>;

/** `POST /registry/update-card` body (contract 4.5): both fields required. */
export const UpdateCardRequest = z.object({
  workspace_id: z.string().min(1, { error: "is required" }),
  agent_card: RegisterAgentCard,
});
export type UpdateCardRequest = z.infer<typeof UpdateCardRequest>;

/** `POST /registry/update-card` 200 body. */
export const UpdateCardResponse = z.object({ status: z.literal("updated") });
export type UpdateCardResponse = z.infer<typeof UpdateCardResponse>;

/** The register `url` a workspace advertises, when it is given (contract 2.3 checks it further). */
export const AgentUrl = HttpUrl;
