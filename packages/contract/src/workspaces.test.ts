import { describe, expect, it } from "vitest";
import { A2AQueuedResponse, QueueStatusResponse } from "./a2a-proxy.js";
import { failureMessage, TOKEN, WORKSPACE_ID, WORKSPACE_ROW } from "./contract-test-utils.js";
import {
  CreateWorkspaceRequest,
  CreateWorkspaceResponse,
  DeleteConfirmationRequiredBody,
  DeleteWorkspaceResponse,
  RestartResponse,
  SecretWriteResponse,
  TokenMintResponse,
  WorkspaceList,
  WorkspaceRow,
} from "./workspaces.js";

const failure = (schema: Parameters<typeof failureMessage>[0], value: unknown) =>
  failureMessage(schema, value, "body");

describe("workspace create", () => {
  it("accepts the lifecycle harness's body (contract 12.2, step 2a)", () => {
    const body = {
      name: "Lifecycle E2E Stub",
      tier: 2,
      runtime: "claude-code",
      model: "claude-opus-4-7",
      secrets: { ANTHROPIC_API_KEY: "sk-ant-e2e-stub-dummy-not-a-real-key" },
    };
    expect(CreateWorkspaceRequest.parse(body)).toEqual(body);
  });

  // The binder's rules only (models.CreateWorkspacePayload): a non-empty name, Go types; field
  // rules, ranges and delivery_mode are checked by the handler after binding.
  it("requires a non-empty name and typed fields, and leaves ranges to the platform", () => {
    expect(failure(CreateWorkspaceRequest, { name: "", tier: "2" })).toBe(
      'body: name: is required; tier: expected number, got "2"',
    );
    expect(CreateWorkspaceRequest.safeParse({ name: "  ", tier: 9, max_concurrent_tasks: 0 }).success).toBe(
      true,
    );
  });

  it("accepts the three 201 shapes, external ones without a top-level token", () => {
    const created = { id: WORKSPACE_ID, status: "provisioning", workspace_access: "none", auth_token: TOKEN };
    expect(CreateWorkspaceResponse.safeParse(created).success).toBe(true);
    const external = {
      id: WORKSPACE_ID,
      external: true,
      status: "awaiting_agent",
      connection: { workspace_id: WORKSPACE_ID, auth_token: TOKEN, platform_url: "http://localhost:8080" },
    };
    expect(CreateWorkspaceResponse.safeParse(external).success).toBe(true);
    const online = { id: WORKSPACE_ID, external: true, status: "online" };
    expect(CreateWorkspaceResponse.safeParse(online).success).toBe(true);
    // The 201 of a container workspace whose token mint failed (logged upstream, answered anyway).
    expect(CreateWorkspaceResponse.safeParse({ id: WORKSPACE_ID, status: "provisioning" }).success).toBe(
      true,
    );
    expect(CreateWorkspaceResponse.safeParse({ id: WORKSPACE_ID, status: "online" }).success).toBe(false);
  });
});

describe("workspace row", () => {
  it("accepts a row with the fields the harness reads, and a list of rows", () => {
    expect(WorkspaceRow.safeParse(WORKSPACE_ROW).success).toBe(true);
    expect(WorkspaceList.safeParse([WORKSPACE_ROW]).success).toBe(true);
  });

  it("requires status, url and last_sample_error (null allowed for the last two)", () => {
    expect(WorkspaceRow.safeParse({ ...WORKSPACE_ROW, url: null, last_sample_error: null }).success).toBe(
      true,
    );
    const { status, url, ...rest } = WORKSPACE_ROW;
    expect(failure(WorkspaceRow, rest)).toBe("body: status: is required; url: is required");
    expect(failure(WorkspaceRow, { ...WORKSPACE_ROW, status: "starting" })).toMatch(
      /^body: status: expected "provisioning"/,
    );
  });
});

describe("tokens, secrets, restart, delete", () => {
  it("accepts the token mint 201 only with the platform's exact message", () => {
    const body = {
      auth_token: TOKEN,
      workspace_id: WORKSPACE_ID,
      message: "Save this token now — it cannot be retrieved again.",
    };
    expect(TokenMintResponse.safeParse(body).success).toBe(true);
    expect(
      TokenMintResponse.safeParse({ ...body, message: "Save this token now - it cannot be retrieved again." })
        .success,
    ).toBe(false);
  });

  it("accepts the secrets and restart answers", () => {
    expect(SecretWriteResponse.safeParse({ status: "saved", key: "HOSTNAME" }).success).toBe(true);
    expect(
      RestartResponse.safeParse({ status: "provisioning", config_dir: "ws-x-configs", reset_session: false })
        .success,
    ).toBe(true);
    expect(RestartResponse.safeParse({ status: "noop" }).success).toBe(true);
    expect(RestartResponse.safeParse({ status: "restarting" }).success).toBe(false);
  });

  it("accepts the removed and purged answers, not a pending approval (delete is not gated), and the confirmation-required 400", () => {
    expect(DeleteWorkspaceResponse.safeParse({ status: "removed", cascade_deleted: 0 }).success).toBe(true);
    expect(DeleteWorkspaceResponse.safeParse({ status: "purged", cascade_deleted: 2 }).success).toBe(true);
    const pending = {
      status: "pending_approval",
      approval_id: "ap-1",
      action: "delete_workspace",
      reason: "admin token",
    };
    expect(DeleteWorkspaceResponse.safeParse(pending).success).toBe(false);
    const confirm = {
      error: "destructive_action_requires_confirmation",
      hint: "Re-send the same request with header X-Confirm-Name: Lifecycle E2E Stub",
      workspace_name: "Lifecycle E2E Stub",
      active_tasks: 0,
      child_count: 0,
    };
    expect(DeleteConfirmationRequiredBody.safeParse(confirm).success).toBe(true);
  });
});

describe("A2A queue", () => {
  const queueId = "0f1e2d3c-4b5a-4968-8776-655443322110";

  it("accepts the 202 queued envelope with a UUID queue_id", () => {
    const body = {
      queued: true,
      queue_id: queueId,
      queue_depth: 1,
      message: "workspace agent busy — request queued, will dispatch when capacity available",
    };
    expect(A2AQueuedResponse.safeParse(body).success).toBe(true);
    expect(failure(A2AQueuedResponse, { ...body, queue_id: "q-1" })).toMatch(/^body: queue_id: /);
  });

  it("allows response_body only once an item is completed", () => {
    const item = {
      queue_id: queueId,
      workspace_id: WORKSPACE_ID,
      status: "completed",
      priority: 0,
      attempts: 1,
      enqueued_at: "2026-11-26T10:00:00Z",
      completed_at: "2026-11-26T10:00:01Z",
      response_body: { jsonrpc: "2.0", id: 1, result: {} },
    };
    expect(QueueStatusResponse.safeParse(item).success).toBe(true);
    expect(failure(QueueStatusResponse, { ...item, status: "queued" })).toBe(
      "body: response_body: appears only when status is completed",
    );
  });
});
