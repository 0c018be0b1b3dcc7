/**
 * Every literal error string the platform puts on the wire, in ONE table (contract 2-9).
 * Strings marked `unquoted` are not quoted by the contract; they are the mock platform's wording for a
 * case the contract names without its text.
 */
export const PlatformMessages = {
  // Registry: register, heartbeat, update-card (contract 4, 5).
  invalidRequestBody: "invalid request body",
  deliveryModeInvalid: "delivery_mode must be 'push' or 'poll'",
  kindInvalid: "kind must be 'workspace' or 'platform'",
  urlRequired: "url is required",
  pushUrlRequired: "url is required for push-mode workspaces",
  agentCardUrlNotAllowed: "workspace agent_card URL not allowed",
  workspaceUrlNotAllowed: "workspace URL not allowed",
  platformKindForbidden: "kind='platform' may only be assigned by the platform-agent install path",
  platformIdentityIncomplete: "platform agent identity incomplete",
  missingWorkspaceToken: "missing workspace auth token",
  invalidWorkspaceToken: "invalid workspace auth token",
  cannotVerifyCredentials: "cannot verify workspace credentials",
  cannotVerifyCredentialsDetail: "Token existence check failed. This is retryable.",
  registrationFailed: "registration failed",
  heartbeatFailed: "failed to update",
  // A2A proxy (contract 2.3, 7).
  workspaceNotFound: "workspace not found",
  workspaceHasNoUrl: "workspace has no URL",
  workspaceNotRoutable: "workspace URL is not publicly routable",
  invalidJson: "invalid JSON",
  missingCallerToken: "missing caller auth token",
  invalidCallerToken: "invalid caller auth token",
  callerMismatch: "caller ID does not match workspace auth token",
  invalidCallerId: "invalid caller ID",
  hierarchyDenied: "access denied: workspaces cannot communicate per hierarchy rules",
  agentUnreachableRestarting: "workspace agent unreachable — container restart triggered",
  agentRestarting: "workspace agent restarting — retry after a short backoff",
  agentBusyQueued: "workspace agent busy — request queued, will dispatch when capacity available",
  agentBusyRetry: "workspace agent busy — retry after a short backoff",
  agentUnreachable: "failed to reach workspace agent",
  agentReadFailed: "failed to read agent response",
  agentEmptyBody: "agent returned empty response body",
  waking: "workspace is waking from hibernation — retry in ~15 seconds",
  budgetExceeded: "workspace budget limit exceeded",
  queueItemNotFound: "queue item not found",
  inboundMissingAuthorization: "missing Authorization header",
  inboundNoSecret: "workspace has no inbound secret configured",
  inboundInvalidSecret: "invalid inbound secret",
  discoverCallerRequired: "X-Workspace-ID header is required",
  discoverDenied: "not authorized to discover this workspace",
  discoverUnavailable: "workspace not available",
  accessDenied: "access denied",
  // Workspace and admin API (contract 8.6, 9).
  invalidWorkspaceId: "invalid workspace ID",
  workspaceRemoved: "workspace removed",
  workspaceRemovedHint:
    "Create a replacement workspace in Canvas, then open Settings → Workspace Tokens → + New Token",
  invalidJsonBody: "invalid JSON body",
  provisionerUnavailable: "provisioner not available",
  pauseNotFound: "workspace not found or already paused",
  pauseHasDescendants: "workspace has descendants — use ?cascade=true to pause all",
  resumeNotFound: "workspace not found or not paused",
  resumeHasDescendants: "workspace has descendants — use ?cascade=true to resume all",
  hibernateNotFound: "workspace not found or not in a hibernatable state (must be online or degraded)",
  hibernateActiveTasks: "workspace has active tasks; use ?force=true to terminate them",
  invalidWorkspacePayload: "invalid workspace payload",
  invalidWorkspaceFields: "invalid workspace fields",
  runtimeUnsupported: "unsupported workspace runtime",
  modelRequired:
    'model is required and has no platform-side default — pass an explicit "model" in the request body, or use a "template" whose config.yaml declares one. See feedback_workspace_model_required_no_platform_default_dynamic_credential_intake for the contract.',
  externalRuntimeRequired: 'external workspaces must use runtime "external", "kimi", or "kimi-cli"',
  confirmationRequired: "destructive_action_requires_confirmation",
  confirmationHint: "Re-send the same request with header X-Confirm-Name: <name>",
  cascadeConfirmation: "This workspace has sub-workspaces. Delete with ?confirm=true to cascade delete.",
  tokenSaveNow: "Save this token now — it cannot be retrieved again.",
  tooManyTokens: "maximum 50 active tokens per workspace",
  invalidWorkspaceIdLower: "invalid workspace id",
  adminAuthRequired: "admin auth required",
  invalidAdminToken: "invalid admin auth token",
  approvalNotFound: "approval not found or already decided",
  decisionInvalid: "decision must be 'approved' or 'denied'",
  conciergeSelfWriteBlocked: "CONCIERGE_SELF_WRITE_BLOCKED",
  selfWriteKindUnknown:
    "self-DoS guard: workspace kind lookup failed; refusing to write to a workspace whose kind cannot be verified",
  selfWritePlatformRoot:
    "concierge cannot set_workspace_secret on its own platform-root workspace (self-DoS guard, core#2566); apply this secret through the canvas Secrets tab as a human operator",
  mockRestartNoop: "mock workspaces have no container — restart is a no-op",
  nameTaken: "workspace name already in use; please pick a different name",
  deleteFailed: "failed to stop one or more workspace containers", // unquoted
  tokenNotFound: "token not found or already revoked",
  messageWithoutParts: "params.message must contain either 'parts' (v0.3) or 'content' (v0.2 compat)",
  messageWithoutPartsHint: 'v0.3 example: {"parts":[{"kind":"text","text":"..."}]}',
  invalidContentType: "invalid params.message.content type",
  invalidContentTypeHint: "content must be a string (v0.2 compat) or omitted in favour of parts (v0.3)",
  configVolumeEmpty: "no config.yaml source and config volume is empty",
  // The contract quotes this up to "register."; the tail is the mock platform's.
  provisionTimedOut:
    "provisioning timed out — container started but never called /registry/register. Check the container logs.",
} as const;

export type PlatformMessage = (typeof PlatformMessages)[keyof typeof PlatformMessages];

/** The 409 of a restart or resume under a paused ancestor, naming it (workspace_restart.go). */
export function ancestorPausedMessage(name: string): string {
  return `parent workspace ${JSON.stringify(name)} is paused — resume it first`;
}

/** The proxy's 413 message for an A2A request body over the cap (`readBodyWithLimit`, contract 7.3). */
export function a2aBodyTooLargeMessage(maxBytes: number): string {
  return `request body exceeds ${maxBytes} byte limit: A2A body exceeds size limit`;
}

/** `validateAgentURL`'s message for a scheme other than http/https (contract 2.3). */
export function urlSchemeMessage(scheme: string): string {
  return `url scheme must be http or https, got "${scheme}"`;
}

/** `validateAgentURL`'s message for a hostname that does not resolve (contract 2.3). */
export function unresolvableHostMessage(host: string, cause: string): string {
  return `hostname "${host}" cannot be resolved (DNS error): ${cause}`;
}

/** `validateAgentURL`'s message for an IP literal in a blocked range, named by its label (contract 2.3). */
export function blockedAddressMessage(label: string): string {
  return `url targets a blocked address: ${label}`;
}

/** `validateAgentURL`'s message for a hostname that resolves into a blocked range (contract 2.3). */
export function forbiddenResolutionMessage(host: string, label: string): string {
  return `hostname ${JSON.stringify(host)} resolves to forbidden address: ${blockedAddressMessage(label)}`;
}

/** `validateAgentURL`'s message for a URL Go's `url.Parse` refuses (contract 2.3). */
export function invalidUrlMessage(raw: string, reason: string): string {
  return `url is not valid: parse ${JSON.stringify(raw)}: ${reason}`;
}

/** The `last_sample_error` of a workspace whose restart found an empty config volume (contract 8.2). */
export function configVolumeEmptyError(workspaceId: string): string {
  return `cannot start workspace ${workspaceId}: ${PlatformMessages.configVolumeEmpty} — delete the workspace or provide a template`;
}
