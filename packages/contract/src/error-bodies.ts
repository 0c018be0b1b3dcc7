import { z } from "zod";
import { PlatformMessages as M } from "./platform-messages.js";

/** The platform's error envelope `{"error": "..."}`; some errors add fields (hint, retry_after, ...). */
export const ErrorEnvelope = z
  .object({ error: z.string().describe("What went wrong.") })
  .describe("The platform's error envelope; some errors add fields (hint, retry_after, code, ...).");
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/** 401 of `/registry/register`, `/registry/heartbeat` and `/registry/update-card` (contract 4.2). */
export const RegistryUnauthorizedBody = z
  .object({
    error: z
      .enum([M.missingWorkspaceToken, M.invalidWorkspaceToken])
      .describe("missing or invalid workspace auth token."),
  })
  .describe("401 of the registry routes.");

/** 503 of the registry token check when it fails closed (contract 4.2). */
export const RegistryUnavailableBody = z
  .object({
    error: z.literal(M.cannotVerifyCredentials).describe("The platform's fixed text."),
    detail: z.literal(M.cannotVerifyCredentialsDetail).describe("Retry advice."),
  })
  .describe("503 of a registry token check that fails closed.");

/** 403 of a register that claims `kind: "platform"` for a row that is not one (contract 4.3). */
export const RegistryForbiddenBody = z
  .object({ error: z.literal(M.platformKindForbidden).describe("The platform's fixed text.") })
  .describe("403 of a register claiming kind platform for a row that is not one.");

/**
 * 400 of register: a fixed string, or one of validateAgentURL's messages (contract 2.3, 4.4).
 * Tolerant on the URL messages, whose host-dependent tail varies.
 */
export const RegistryBadRequestBody = z
  .object({
    error: z
      .union([
        z.enum([
          M.invalidRequestBody,
          M.deliveryModeInvalid,
          M.kindInvalid,
          M.urlRequired,
          M.pushUrlRequired,
          M.agentCardUrlNotAllowed,
          M.platformIdentityIncomplete,
        ]),
        // Plain regexes, not startsWith: zod exports startsWith as a non-standard JSON Schema format.
        z.string().regex(/^url scheme must be http or https, got /),
        z.string().regex(/^url is not valid: /),
        z.string().regex(/^hostname "[^"]*" cannot be resolved \(DNS error\): /),
        z.string().regex(/^url targets a blocked address: /),
        z.string().regex(/^hostname "[^"]*" resolves to forbidden address: url targets a blocked address: /),
      ])
      .describe("A fixed string, or one of validateAgentURL's messages."),
  })
  .describe("400 of register: a fixed string, or one of validateAgentURL's messages.");

/** Any error body register can answer with, by status. */
export const RegisterErrorBodies = {
  400: RegistryBadRequestBody,
  401: RegistryUnauthorizedBody,
  403: RegistryForbiddenBody,
  500: z
    .object({ error: z.literal(M.registrationFailed).describe("The platform's fixed text.") })
    .describe("500 of register on a database error."),
  503: RegistryUnavailableBody,
} as const;

/** Union of every register error body (for JSON Schema consumers). */
export const RegisterErrorBody = z
  .union([
    RegistryBadRequestBody,
    RegistryUnauthorizedBody,
    RegistryForbiddenBody,
    RegisterErrorBodies[500],
    RegistryUnavailableBody,
  ])
  .describe("Any error body of POST /registry/register.");
export type RegisterErrorBody = z.infer<typeof RegisterErrorBody>;
