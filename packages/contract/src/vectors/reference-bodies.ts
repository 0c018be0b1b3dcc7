// The bodies the contract's examples start from: taken from the contract doc and from what the
// reference stub really sends. The vectors and the tests share them.

export const WORKSPACE_ID = "3f2c1b9e-5d4a-4c3b-9a2f-1e0d9c8b7a60";
export const TOKEN = "q2V0ZXN0LXRva2VuLTQzLWNoYXJhY3RlcnMtbG9uZzE"; // 43 base64url chars

/** The register body of the reference stub (contract 10.4), byte for byte. */
export const REFERENCE_REGISTER_BODY = {
  id: WORKSPACE_ID,
  url: "http://localhost:8000",
  delivery_mode: "push",
  agent_card: { name: WORKSPACE_ID, description: "stub runtime (e2e lifecycle)", skills: [] },
};

/** The heartbeat body of the reference stub (contract 10.4). */
export const REFERENCE_HEARTBEAT_BODY = {
  workspace_id: WORKSPACE_ID,
  error_rate: 0.0,
  sample_error: "",
  active_tasks: 0,
  uptime_seconds: 12,
  current_task: "",
};

/** The reference stub's canned reply (contract 10.5). */
export const REFERENCE_REPLY = {
  jsonrpc: "2.0",
  id: "9b1f6c2e-0d3a-4e5b-8c7d-6a5b4c3d2e1f",
  result: {
    kind: "message",
    role: "agent",
    parts: [{ kind: "text", text: "STUB OK" }],
    messageId: "0e9d8c7b-6a5f-4e3d-2c1b-0a9f8e7d6c5b",
  },
};

/** The reference stub's answer to an unknown method (contract 10.5). */
export const REFERENCE_METHOD_NOT_FOUND = {
  jsonrpc: "2.0",
  id: "custom-id-123",
  error: { code: -32601, message: "method not found: nonexistent/method" },
};

/** The body the lifecycle harness posts to the proxy (contract 12.2 step 5): v0.2 `type`, no envelope. */
export const HARNESS_A2A_BODY = {
  method: "message/send",
  params: { message: { role: "user", parts: [{ type: "text", text: "ping" }] } },
};

/** The same request as the proxy forwards it after normalisation (contract 7.3). */
export const FORWARDED_MESSAGE_SEND = {
  jsonrpc: "2.0",
  id: "5c4b3a29-1807-4f6e-9d5c-4b3a29180706",
  method: "message/send",
  params: {
    message: {
      role: "user",
      parts: [{ kind: "text", text: "ping" }],
      messageId: "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d",
    },
  },
};

/** The card the April Python runtime registered with (contract 4.1). */
export const APRIL_RUNTIME_CARD = {
  name: "Echo Agent",
  description: "Echoes",
  version: "1.0.0",
  url: "http://127.0.0.1:32001",
  skills: [{ id: "echo", name: "Echo", description: "Echo back", tags: ["echo"] }],
  capabilities: { streaming: false, pushNotifications: false },
};

/** A complete A2A v0.3 agent card. */
export const V03_AGENT_CARD = {
  protocolVersion: "0.3.0",
  name: "stub",
  description: "stub runtime (e2e lifecycle)",
  url: "http://localhost:8000",
  preferredTransport: "JSONRPC",
  version: "0.1.0",
  capabilities: { streaming: false, pushNotifications: false },
  defaultInputModes: ["text/plain"],
  defaultOutputModes: ["text/plain"],
  skills: [{ id: "canned-reply", name: "Canned reply", description: "Answers STUB OK", tags: ["stub"] }],
};

/** A workspace row as `GET /workspaces/:id` returns it (contract 9). */
export const WORKSPACE_ROW = {
  id: WORKSPACE_ID,
  name: "Lifecycle E2E Stub",
  role: null,
  tier: 2,
  status: "online",
  url: "http://localhost:32768",
  parent_id: null,
  active_tasks: 0,
  max_concurrent_tasks: 1,
  last_error_rate: 0,
  last_sample_error: "",
  uptime_seconds: 12,
  runtime: "claude-code",
  agent_card: REFERENCE_REGISTER_BODY.agent_card,
  x: 0,
  y: 0,
  collapsed: false,
  kind: "workspace",
  wedged: false,
};
