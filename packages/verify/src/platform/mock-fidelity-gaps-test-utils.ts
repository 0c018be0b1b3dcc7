// The checks today's mock platform fails, because it differs from upstream's handlers (not because
// the checks are wrong): each entry names upstream's behaviour and the handler test that pins it.
// The fidelity work (issue 12) makes the mock agree; an entry whose check passes again is stale,
// and the command's tests say so. Never add a check here to make the mock pass.

/** Check id → why the mock platform fails it today, with the upstream citation. */
export const MOCK_FIDELITY_GAPS: Readonly<Record<string, string>> = {
  "url-safety.ipv4-mapped":
    "Node's URL parser turns [::ffff:169.254.169.254] into [::ffff:a9fe:a9fe], which the mock classifies as public; upstream judges a mapped address as the IPv4 it carries (Go To4(); registry_test.go TestValidateAgentURL, case 'blocked IPv4-mapped IPv6 link-local')",
  "url-safety.card-url-reserved":
    "the mock's isSafeURL lets fc00::/8, 224.0.0.0/24, ff02::/16, ff01::/16 and non-http(s) schemes through; upstream blocks them (ssrf_test.go TestIsSafeURL, TestIsPrivateOrMetadataIP_IPv6, TestIsSafeURL_SaaSMode_StillBlocksMetadataEtAl; registry_test.go TestUpdateCard_RejectsNonHTTPScheme)",
  "approval.admin-secret-write":
    "the mock never gates a secret write; upstream gates every ADMIN_TOKEN write with 202 pending_approval (approval_gate_admin_token_integration_test.go TestIntegration_AdminToken_SecretWrite_WithoutApproval_Rejected, …_WithApproval_Succeeds)",
  "delete.not-approval-gated":
    "the mock gates an admin DELETE with 202 pending_approval; upstream has not since #2579 (approvals/policy.go; approval_gate_test.go TestGateDestructive_NonGatedPassesThrough)",
  "errors.upstream-bodies":
    "the mock words the AdminAuth/WorkspaceAuth 401s, the push register's 400, the blocked-range 400s, the token cap's 429 and the removed workspace's 410 its own way (middleware/wsauth_middleware_test.go; registry_test.go TestRegister_PushModeNoURLNoCardURLStill400; admin_workspace_tokens_test.go TestAdminWorkspaceTokenHandler_Create_RateLimited; workspace_test.go TestWorkspaceGet_RemovedReturns410)",
};

/** Checks today's mock platform cannot run at all, and why (skipped, never counted as passes). */
export const MOCK_UNOBSERVABLE: Readonly<Record<string, string>> = {
  "registry.paused-stays-paused":
    "the mock has no POST /workspaces/:id/pause yet (upstream workspace_restart.go Pause; workspace_restart_test.go TestPauseHandler_SuccessNoChildren)",
};
