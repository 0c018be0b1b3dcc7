// Upstream's contract SSOT (EnterOS-AI/enteros-sdk-python, contracts/workspace-comms/), restated as
// data: the canonical instance of each `*.contract.json` (a request and a response per endpoint),
// the smallest bodies its schemas accept, and the payloads of the platform-identity-gate cases.
// Every one of them must pass the corresponding exported schema; the vectors carry them.

import type { Vector } from "./vector.js";

const ID = "0b8f2c4a-1d3e-4f56-9a7b-2c8d4e6f1a90";
const A2A_URL = "https://e2e-demo.moleculesai.app/workspaces/0b8f2c4a/a2a";
const PROVISION_TOOL = "mcp__molecule-platform__provision_workspace";
const LIST_TOOL = "mcp__molecule-platform__list_workspaces";

/** register.contract.json: a platform concierge registering in push mode, and the answer minting its token. */
export const SSOT_REGISTER = {
  request: {
    id: ID,
    url: A2A_URL,
    agent_card: { name: "Org Concierge", description: "Org-level platform agent (concierge).", url: A2A_URL },
    delivery_mode: "push",
    kind: "platform",
    mcp_server_present: true,
  },
  response: {
    status: "registered",
    delivery_mode: "push",
    auth_token: "wsk_live_3f9c1b7a2e4d6058a1c3e5f70b9d2a46",
    platform_inbound_secret: "pis_8a1c3e5f70b9d2a463f9c1b7a2e4d605",
  },
};

/** heartbeat.contract.json: a busy concierge beat with its capabilities, spend and loaded tools. */
export const SSOT_HEARTBEAT = {
  request: {
    workspace_id: ID,
    error_rate: 0,
    sample_error: "",
    active_tasks: 1,
    uptime_seconds: 86400,
    current_task: "provisioning a hermes workspace",
    monthly_spend: 1500,
    runtime_state: "",
    runtime_metadata: {
      capabilities: { heartbeat: true, scheduler: false, session: true, status_mgmt: false },
      idle_timeout_seconds: 600,
    },
    mcp_server_present: true,
    loaded_mcp_tools: [PROVISION_TOOL, LIST_TOOL],
  },
  response: { status: "ok", platform_inbound_secret: "pis_8a1c3e5f70b9d2a463f9c1b7a2e4d605" },
};

/** a2a-envelope.contract.json: the platform's own warm-up turn, and the push-async ack. */
export const SSOT_A2A_ENVELOPE = {
  request: {
    jsonrpc: "2.0",
    id: "concierge-warmup-0b8f2c4a-7d2e9f01-3a4b-4c5d-8e6f-1a2b3c4d5e6f",
    method: "message/send",
    params: {
      message: {
        role: "user",
        messageId: "concierge-warmup-0b8f2c4a-7d2e9f01-3a4b-4c5d-8e6f-1a2b3c4d5e6f",
        parts: [{ kind: "text", text: "Platform readiness check — no action needed." }],
        metadata: { concierge_warmup: true },
      },
    },
  },
  response: { status: "queued", delivery_mode: "push-async", method: "message/send" },
};

/** agent-card.contract.json: the minimal shared card. */
export const SSOT_AGENT_CARD = {
  name: "Org Concierge",
  description: "Org-level platform agent (concierge) — the user's default A2A target.",
  url: A2A_URL,
};

const beat = (extra: Record<string, unknown> = {}) => ({ workspace_id: ID, ...extra });

/** The payloads of enforcement/platform-identity-gate.cases.json (pass and fail cases alike): each is a base body. */
export const SSOT_GATE_REGISTER_PAYLOADS = [
  { id: ID, url: "", agent_card: { name: "hermes worker" }, delivery_mode: "poll" },
  {
    id: ID,
    url: "https://e2e.moleculesai.app/workspaces/0b8f2c4a/a2a",
    agent_card: { name: "Org Concierge" },
    delivery_mode: "push",
    kind: "platform",
    mcp_server_present: false,
  },
  { id: ID, agent_card: { name: "Org Concierge" }, kind: "platform", mcp_server_present: true },
];

export const SSOT_GATE_HEARTBEAT_PAYLOADS = [
  beat(),
  beat({ kind: "platform", mcp_server_present: false }),
  beat({ kind: "platform", mcp_server_present: true }),
  beat({ kind: "platform", mcp_server_present: true, loaded_mcp_tools: [LIST_TOOL] }),
  beat({ kind: "platform", mcp_server_present: true, loaded_mcp_tools: [PROVISION_TOOL, LIST_TOOL] }),
  beat({
    kind: "platform",
    mcp_server_present: true,
    loaded_mcp_tools: ["a2a", "Bash", "Read", PROVISION_TOOL, LIST_TOOL],
  }),
  beat({ kind: "platform", mcp_server_present: true, loaded_mcp_tools: ["provision_workspace"] }),
  beat({ kind: "platform" }),
  beat({ kind: "platform", mcp_server_present: true, loaded_mcp_tools: [PROVISION_TOOL] }),
];

const ssot = (label: string, value: unknown): Vector => ({ label: `upstream SSOT: ${label}`, value });

/** Every SSOT instance by the exported schema that must accept it. */
export const SSOT_VECTORS: Record<string, Vector[]> = {
  "register-request": [
    ssot("register.contract.json request", SSOT_REGISTER.request),
    ...SSOT_GATE_REGISTER_PAYLOADS.map((value, i) =>
      ssot(`platform-identity-gate register payload ${i + 1}`, value),
    ),
  ],
  "register-response": [
    ssot("register.contract.json response", SSOT_REGISTER.response),
    ssot("register response with the required fields only", { status: "registered", delivery_mode: "poll" }),
  ],
  "heartbeat-request": [
    ssot("heartbeat.contract.json request", SSOT_HEARTBEAT.request),
    ...SSOT_GATE_HEARTBEAT_PAYLOADS.map((value, i) =>
      ssot(`platform-identity-gate heartbeat payload ${i + 1}`, value),
    ),
  ],
  "heartbeat-response": [
    ssot("heartbeat.contract.json response", SSOT_HEARTBEAT.response),
    ssot("heartbeat response with the required field only", { status: "ok" }),
  ],
  "a2a-envelope-request": [ssot("a2a-envelope.contract.json request", SSOT_A2A_ENVELOPE.request)],
  "a2a-async-accepted-response": [
    ssot("a2a-envelope.contract.json response (the push-async ack)", SSOT_A2A_ENVELOPE.response),
    ssot("a2a ack with the required field only", { status: "queued" }),
  ],
  "registered-agent-card": [ssot("agent-card.contract.json", SSOT_AGENT_CARD)],
};
