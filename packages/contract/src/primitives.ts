import { z } from "zod";

/**
 * A workspace id. The platform parses ids with Go's uuid.Parse, which accepts any 8-4-4-4-12 hex
 * layout (the nil UUID included), so this is a GUID check rather than an RFC 4122 version check.
 */
export const WorkspaceId = z.guid({
  error: (issue) => (issue.input === undefined ? "is required" : "must be a UUID (8-4-4-4-12 hex digits)"),
});
export type WorkspaceId = z.infer<typeof WorkspaceId>;

export const HttpUrl = z.url({
  protocol: /^https?$/,
  error: (issue) => (issue.input === undefined ? "is required" : "must be an http:// or https:// URL"),
});
export type HttpUrl = z.infer<typeof HttpUrl>;

/**
 * A workspace token as the platform mints it: 32 random bytes, base64url without padding, so
 * exactly 43 characters (contract 3.1). Instance and api tokens share the format.
 */
export const AuthToken = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, { error: "must be a 43-character base64url token (32 random bytes)" });
export type AuthToken = z.infer<typeof AuthToken>;

/**
 * An `Authorization` header value, read as the platform's `BearerTokenFromHeader` reads it
 * (wsauth/tokens.go): the exact, case-sensitive prefix `Bearer ` (capital B, one space), then the
 * rest with surrounding whitespace trimmed. Anything else, or nothing after the prefix, is a missing
 * token (contract 4.2).
 */
export const BearerAuthorization = z
  .string()
  .refine((header) => header.startsWith("Bearer ") && header.slice("Bearer ".length).trim() !== "", {
    error: 'must be "Bearer <token>" with the exact "Bearer " prefix',
  })
  .transform((header) => header.slice("Bearer ".length).trim());
export type BearerAuthorization = z.infer<typeof BearerAuthorization>;

/** The token of an `Authorization` header, or `undefined` when the header is absent or not `Bearer <token>`. */
export function bearerToken(header: string | null | undefined): string | undefined {
  const result = BearerAuthorization.safeParse(header);
  return result.success ? result.data : undefined;
}

/** How the platform delivers A2A to a workspace (contract 4.1, #2339). */
export const DeliveryMode = z.enum(["push", "poll"]);
export type DeliveryMode = z.infer<typeof DeliveryMode>;

/**
 * How a platform runs (contract 2.2): strict self-hosted, SaaS (`saasMode()`), or strict plus dev
 * mode (`MOLECULE_ENV=development`), which lets URL checks allow loopback (contract 2.3).
 */
export const DeployMode = z.enum(["self-hosted", "saas", "development"]);
export type DeployMode = z.infer<typeof DeployMode>;

/** `kind` of a registering runtime: a workspace agent or the platform concierge (contract 4.1). */
export const WorkspaceKind = z.enum(["workspace", "platform"]);
export type WorkspaceKind = z.infer<typeof WorkspaceKind>;

/** Every status a workspace row can have (contract 6.1). */
export const WorkspaceStatus = z.enum([
  "provisioning",
  "online",
  "offline",
  "degraded",
  "failed",
  "removed",
  "paused",
  "hibernated",
  "hibernating",
  "awaiting_agent",
]);
export type WorkspaceStatus = z.infer<typeof WorkspaceStatus>;

/** A JSON object with any members (the platform stores cards and metadata as jsonb without a schema). */
export const JsonObject = z.record(z.string(), z.unknown());
export type JsonObject = z.infer<typeof JsonObject>;
