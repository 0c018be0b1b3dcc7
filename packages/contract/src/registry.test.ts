import { describe, expect, it } from "vitest";
import {
  APRIL_RUNTIME_CARD,
  failureMessage,
  REFERENCE_HEARTBEAT_BODY,
  REFERENCE_REGISTER_BODY,
  TOKEN,
  WORKSPACE_ID,
} from "./contract-test-utils.js";
import { RegisterErrorBodies, RegistryBadRequestBody } from "./error-bodies.js";
import { HeartbeatRequest, HeartbeatResponse } from "./heartbeat.js";
import { PlatformMessages } from "./platform-messages.js";
import { RegisterRequest, RegisterResponse, UpdateCardRequest } from "./registry.js";

const failure = (schema: Parameters<typeof failureMessage>[0], value: unknown) =>
  failureMessage(schema, value, "body");

describe("RegisterRequest", () => {
  it("accepts the reference stub's body", () => {
    expect(RegisterRequest.parse(REFERENCE_REGISTER_BODY)).toEqual(REFERENCE_REGISTER_BODY);
  });

  it("accepts the April runtime's full card: the platform never validates the card's schema", () => {
    const body = { id: WORKSPACE_ID, url: "http://127.0.0.1:32001", agent_card: APRIL_RUNTIME_CARD };
    expect(RegisterRequest.safeParse(body).success).toBe(true);
  });

  it("accepts a poll-mode body without a url and a platform-kind body", () => {
    expect(
      RegisterRequest.safeParse({ id: WORKSPACE_ID, agent_card: {}, delivery_mode: "poll" }).success,
    ).toBe(true);
    const platform = { id: WORKSPACE_ID, agent_card: {}, kind: "platform", mcp_server_present: true };
    expect(RegisterRequest.safeParse(platform).success).toBe(true);
  });

  it("ignores unknown fields as Go's binder does", () => {
    expect(RegisterRequest.parse({ ...REFERENCE_REGISTER_BODY, extra: 1 })).not.toHaveProperty("extra");
  });

  it.each([
    ["a missing id", { ...REFERENCE_REGISTER_BODY, id: undefined }, "body: id: is required"],
    ["an empty id", { ...REFERENCE_REGISTER_BODY, id: "" }, "body: id: is required"],
    ["a numeric id", { ...REFERENCE_REGISTER_BODY, id: 42 }, "body: id: expected string, got number"],
    [
      "a missing card",
      { ...REFERENCE_REGISTER_BODY, agent_card: undefined },
      "body: agent_card: is required",
    ],
    [
      "a string card",
      { ...REFERENCE_REGISTER_BODY, agent_card: "card" },
      'body: agent_card: expected object, got "card"',
    ],
    [
      "delivery_mode pull",
      { ...REFERENCE_REGISTER_BODY, delivery_mode: "pull" },
      'body: delivery_mode: expected "push" | "poll", got "pull"',
    ],
    [
      "kind agent",
      { ...REFERENCE_REGISTER_BODY, kind: "agent" },
      'body: kind: expected "workspace" | "platform", got "agent"',
    ],
    ["a numeric url", { ...REFERENCE_REGISTER_BODY, url: 8000 }, "body: url: expected string, got number"],
  ])("rejects %s, naming the field", (_, body, message) => {
    expect(failure(RegisterRequest, body)).toBe(message);
  });
});

describe("RegisterResponse", () => {
  it("accepts the 200 with and without auth_token (contract 4.4)", () => {
    const base = { status: "registered", delivery_mode: "push", platform_inbound_secret: "s3cr3t" };
    expect(RegisterResponse.safeParse(base).success).toBe(true);
    expect(RegisterResponse.safeParse({ ...base, auth_token: TOKEN }).success).toBe(true);
  });

  it("rejects the April body, which lacks delivery_mode", () => {
    expect(failure(RegisterResponse, { status: "registered" })).toBe("body: delivery_mode: is required");
  });

  // register.schema.json (SSOT) pins no token format and makes the inbound secret optional
  // (registry_test.go:TestRegister_NoInboundSecret_LazyHealMintFailureOmitsField omits it).
  it("accepts any auth_token and a missing inbound secret, as upstream's SSOT does", () => {
    const body = { status: "registered", delivery_mode: "poll", auth_token: "wsk_live_3f9c1b7a2e4d6058" };
    expect(RegisterResponse.safeParse(body).success).toBe(true);
  });
});

describe("register error bodies", () => {
  it("accepts the exact 401 bodies and nothing else", () => {
    const schema = RegisterErrorBodies[401];
    expect(schema.safeParse({ error: "missing workspace auth token" }).success).toBe(true);
    expect(schema.safeParse({ error: "invalid workspace auth token" }).success).toBe(true);
    expect(schema.safeParse({ error: "Missing workspace auth token" }).success).toBe(false);
  });

  it("accepts the fail-closed 503 body with its detail", () => {
    const body = {
      error: "cannot verify workspace credentials",
      detail: "Token existence check failed. This is retryable.",
    };
    expect(RegisterErrorBodies[503].safeParse(body).success).toBe(true);
  });

  it("accepts validateAgentURL messages and the fixed 400 strings", () => {
    for (const error of [
      "invalid request body",
      "delivery_mode must be 'push' or 'poll'",
      "kind must be 'workspace' or 'platform'",
      'url scheme must be http or https, got "ftp"',
      'hostname "ws-x" cannot be resolved (DNS error): lookup ws-x: no such host',
      "url is required for push-mode workspaces",
      "url targets a blocked address: link-local address (cloud metadata endpoint)",
      'hostname "ws-x" resolves to forbidden address: url targets a blocked address: RFC-1918 private address',
      'url is not valid: parse "://not-a-url": missing protocol scheme',
    ]) {
      expect(RegistryBadRequestBody.safeParse({ error }).success).toBe(true);
    }
    expect(RegisterErrorBodies[403].parse({ error: PlatformMessages.platformKindForbidden })).toBeTruthy();
  });
});

describe("HeartbeatRequest", () => {
  it("accepts the reference stub's six fields", () => {
    expect(HeartbeatRequest.parse(REFERENCE_HEARTBEAT_BODY)).toEqual(REFERENCE_HEARTBEAT_BODY);
  });

  it("accepts every optional field of contract 5.1", () => {
    const body = {
      ...REFERENCE_HEARTBEAT_BODY,
      monthly_spend: 1250,
      runtime_state: "wedged",
      runtime_metadata: { capabilities: { heartbeat: true, status_mgmt: false }, idle_timeout_seconds: 600 },
      is_busy: false,
      mcp_server_present: null,
      mcp_tools_ready: true,
      observed_generation: 3,
      schema_version: "1",
      agent_card: APRIL_RUNTIME_CARD,
      loaded_mcp_tools: ["mcp__molecule-platform__provision_workspace"],
      first_ready_at: "2026-08-14T10:00:00Z",
    };
    expect(HeartbeatRequest.safeParse(body).success).toBe(true);
  });

  it.each([
    [
      "a missing workspace_id",
      { ...REFERENCE_HEARTBEAT_BODY, workspace_id: undefined },
      "body: workspace_id: is required",
    ],
    [
      "a string error_rate",
      { ...REFERENCE_HEARTBEAT_BODY, error_rate: "0.0" },
      'body: error_rate: expected number, got "0.0"',
    ],
    [
      "fractional uptime",
      { ...REFERENCE_HEARTBEAT_BODY, uptime_seconds: 1.5 },
      "body: uptime_seconds: expected int, got number",
    ],
    [
      "a string capability",
      { ...REFERENCE_HEARTBEAT_BODY, runtime_metadata: { capabilities: { heartbeat: "yes" } } },
      'body: runtime_metadata.capabilities.heartbeat: expected boolean, got "yes"',
    ],
  ])("rejects %s, naming the field", (_, body, message) => {
    expect(failure(HeartbeatRequest, body)).toBe(message);
  });

  // heartbeat.schema.json (SSOT): only status is required; the current platform adds generation.
  it("accepts the current 200 body and the SSOT's minimal one", () => {
    expect(HeartbeatResponse.safeParse({ status: "ok", generation: 0 }).success).toBe(true);
    expect(
      HeartbeatResponse.safeParse({ status: "ok", generation: 7, platform_inbound_secret: "s" }).success,
    ).toBe(true);
    expect(HeartbeatResponse.safeParse({ status: "ok" }).success).toBe(true);
    expect(failure(HeartbeatResponse, { status: "fine" })).toBe('body: status: expected "ok", got "fine"');
  });

  // models.HeartbeatPayload: Go binds any float64 and any int (no ranges).
  it("accepts an error_rate over 1 and negative counts, as Go's binder does", () => {
    const body = { ...REFERENCE_HEARTBEAT_BODY, error_rate: 1.5, active_tasks: -1, monthly_spend: -3 };
    expect(HeartbeatRequest.safeParse(body).success).toBe(true);
  });
});

describe("UpdateCardRequest", () => {
  it("requires both workspace_id and agent_card (contract 4.5)", () => {
    expect(
      UpdateCardRequest.safeParse({ workspace_id: WORKSPACE_ID, agent_card: APRIL_RUNTIME_CARD }).success,
    ).toBe(true);
    expect(failure(UpdateCardRequest, {})).toBe("body: workspace_id: is required; agent_card: is required");
  });
});
