import { TOKEN, WORKSPACE_ID, WORKSPACE_ROW } from "./reference-bodies.js";
import { type VectorSet, vectors } from "./vector.js";

const HARNESS_CREATE = {
  name: "Lifecycle E2E Stub",
  tier: 2,
  runtime: "claude-code",
  model: "claude-opus-4-7",
  secrets: { ANTHROPIC_API_KEY: "sk-ant-e2e-stub-dummy-not-a-real-key" },
};
const APPROVAL = {
  status: "pending_approval",
  approval_id: "ap-1",
  action: "secret_write",
  reason: "write secret K",
};

/** Examples of the workspace and admin API bodies (contract 3.2, 8.6, 9). */
export const WORKSPACE_VECTORS = {
  "workspace-create-request": {
    pass: vectors(
      ["the harness's body (contract 12.2 step 2a)", HARNESS_CREATE],
      [
        "the A2A harness's external workspace",
        { name: "Offline Test", tier: 1, runtime: "external", external: true },
      ],
      [
        "values the binder takes and the handler checks",
        { name: "  ", tier: 9, max_concurrent_tasks: 0, delivery_mode: "pigeon" },
      ],
    ),
    fail: vectors(
      ["no name", { tier: 2 }],
      ["an empty name", { name: "" }],
      ["a string tier", { name: "x", tier: "2" }],
    ),
  },
  "workspace-create-response": {
    pass: vectors(
      [
        "a container workspace",
        { id: WORKSPACE_ID, status: "provisioning", workspace_access: "none", auth_token: TOKEN },
      ],
      [
        "an external workspace without a URL",
        {
          id: WORKSPACE_ID,
          external: true,
          status: "awaiting_agent",
          connection: {
            workspace_id: WORKSPACE_ID,
            auth_token: TOKEN,
            platform_url: "http://localhost:8080",
          },
        },
      ],
      ["an external workspace with its URL", { id: WORKSPACE_ID, external: true, status: "online" }],
    ),
    fail: vectors(
      ["an online container workspace", { id: WORKSPACE_ID, status: "online" }],
      ["a non-UUID id", { id: "ws-1", status: "provisioning" }],
    ),
  },
  "workspace-row": {
    pass: vectors(
      ["a row", WORKSPACE_ROW],
      ["with the null conventions", { ...WORKSPACE_ROW, url: null, last_sample_error: null, role: null }],
    ),
    fail: vectors(
      ["an unknown status", { ...WORKSPACE_ROW, status: "starting" }],
      ["no url", { ...WORKSPACE_ROW, url: undefined }],
    ),
  },
  "workspace-list": {
    pass: vectors(["one row", [WORKSPACE_ROW]], ["none", []]),
    fail: vectors(["an object", { rows: [] }]),
  },
  "workspace-state": {
    pass: vectors(
      ["live", { workspace_id: WORKSPACE_ID, status: "paused", paused: true, deleted: false }],
      ["no row", { workspace_id: WORKSPACE_ID, deleted: true }],
      ["removed", { workspace_id: WORKSPACE_ID, status: "removed", deleted: true }],
    ),
    fail: vectors(["live without paused", { workspace_id: WORKSPACE_ID, status: "online", deleted: false }]),
  },
  "workspace-removed-body": {
    pass: vectors(
      ["GET's 410", { error: "workspace removed", id: WORKSPACE_ID, hint: "h", removed_at: null }],
      ["DELETE's 410", { error: "workspace removed", id: WORKSPACE_ID }],
    ),
    fail: vectors(["the old text", { error: "workspace has been removed", id: WORKSPACE_ID }]),
  },
  "secret-write-request": {
    pass: vectors(["HOSTNAME=localhost (#2851)", { key: "HOSTNAME", value: "localhost" }]),
    fail: vectors(["an empty value", { key: "K", value: "" }], ["no key", { value: "v" }]),
  },
  "secret-write-response": {
    pass: vectors(["saved", { status: "saved", key: "HOSTNAME" }]),
    fail: vectors(["another status", { status: "ok", key: "K" }]),
  },
  "token-mint-response": {
    pass: vectors([
      "minted",
      {
        auth_token: TOKEN,
        workspace_id: WORKSPACE_ID,
        message: "Save this token now — it cannot be retrieved again.",
      },
    ]),
    fail: vectors(["another message", { auth_token: TOKEN, workspace_id: WORKSPACE_ID, message: "saved" }]),
  },
  "token-list-response": {
    pass: vectors([
      "one token",
      {
        tokens: [{ id: "t-1", prefix: "abcdefgh", created_at: "2026-08-14T00:00:00Z", last_used_at: null }],
        count: 1,
      },
    ]),
    fail: vectors(["no count", { tokens: [] }]),
  },
  "token-revoke-response": {
    pass: vectors(["revoked", { status: "revoked" }]),
    fail: vectors(["another status", { status: "deleted" }]),
  },
  "restart-request": {
    pass: vectors(["the harness's empty body", {}], ["a reset", { reset: true }]),
    fail: vectors(["a string reset", { reset: "yes" }]),
  },
  "restart-response": {
    pass: vectors(
      [
        "provisioning",
        { status: "provisioning", config_dir: `ws-${WORKSPACE_ID}-configs`, reset_session: false },
      ],
      [
        "an external no-op",
        { status: "noop", runtime: "external", message: "external workspaces are operator-driven" },
      ],
    ),
    fail: vectors(["another status", { status: "restarting" }]),
  },
  "delete-response": {
    pass: vectors(
      ["removed", { status: "removed", cascade_deleted: 0 }],
      ["purged", { status: "purged", cascade_deleted: 2 }],
    ),
    fail: vectors(["a pending approval (delete is not gated)", APPROVAL]),
  },
  "delete-confirmation-required-body": {
    pass: vectors([
      "without X-Confirm-Name",
      {
        error: "destructive_action_requires_confirmation",
        hint: "Re-send the same request with header X-Confirm-Name: W",
        workspace_name: "W",
        active_tasks: 0,
        child_count: 0,
      },
    ]),
    fail: vectors([
      "another error",
      { error: "confirm", hint: "", workspace_name: "W", active_tasks: 0, child_count: 0 },
    ]),
  },
  "delete-cascade-confirmation-body": {
    pass: vectors([
      "with children",
      {
        status: "confirmation_required",
        message: "This workspace has sub-workspaces. Delete with ?confirm=true to cascade delete.",
        children: [{ id: WORKSPACE_ID, name: "C" }],
        children_count: 1,
      },
    ]),
    fail: vectors([
      "no count",
      {
        status: "confirmation_required",
        message: "This workspace has sub-workspaces. Delete with ?confirm=true to cascade delete.",
        children: [],
      },
    ]),
  },
  "pause-response": {
    pass: vectors(["paused with a child", { status: "paused", paused_count: 2 }]),
    fail: vectors(["partially paused", { status: "partially_paused", paused_count: 1 }]),
  },
  "resume-response": {
    pass: vectors(["resumed", { status: "provisioning", resumed_count: 1 }]),
    fail: vectors(["no count", { status: "provisioning" }]),
  },
  "hibernate-response": {
    pass: vectors(["hibernated", { status: "hibernated" }]),
    fail: vectors(["another status", { status: "hibernating" }]),
  },
  "pending-approval-response": {
    pass: vectors(["an admin-token secret write", APPROVAL]),
    fail: vectors(["no approval id", { ...APPROVAL, approval_id: "" }]),
  },
  "approval-decision-request": {
    pass: vectors(
      ["e2e_gated_admin_op's decision", { decision: "approved", decided_by: "e2e-api-smoke" }],
      ["denied", { decision: "denied" }],
    ),
    fail: vectors(["rejected is not a decision", { decision: "rejected" }], ["no decision", {}]),
  },
  "approval-decision-response": {
    pass: vectors(["approved", { status: "approved", approval_id: "ap-1" }]),
    fail: vectors(["pending", { status: "pending", approval_id: "ap-1" }]),
  },
} satisfies Record<string, VectorSet>;
