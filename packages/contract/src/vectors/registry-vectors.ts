import {
  APRIL_RUNTIME_CARD,
  REFERENCE_HEARTBEAT_BODY,
  REFERENCE_REGISTER_BODY,
  TOKEN,
  WORKSPACE_ID,
} from "./reference-bodies.js";
import { type VectorSet, vectors } from "./vector.js";

/** Examples of the registry bodies (contract 4, 5). */
export const REGISTRY_VECTORS = {
  "register-request": {
    pass: vectors(
      ["the reference stub's register body", REFERENCE_REGISTER_BODY],
      ["poll mode without a url", { id: WORKSPACE_ID, delivery_mode: "poll", agent_card: {} }],
      ["the April runtime's card", { ...REFERENCE_REGISTER_BODY, agent_card: APRIL_RUNTIME_CARD }],
    ),
    fail: vectors(
      ["no id", { url: "http://localhost:8000", agent_card: {} }],
      ["a card that is not an object", { ...REFERENCE_REGISTER_BODY, agent_card: "x" }],
      ["an unknown delivery mode", { ...REFERENCE_REGISTER_BODY, delivery_mode: "carrier-pigeon" }],
      ["an unknown kind", { ...REFERENCE_REGISTER_BODY, kind: "robot" }],
    ),
  },
  "register-response": {
    pass: vectors(
      [
        "current, with the inbound secret",
        { status: "registered", delivery_mode: "push", platform_inbound_secret: "s" },
      ],
      [
        "a first register minting a token",
        { status: "registered", delivery_mode: "poll", auth_token: TOKEN },
      ],
    ),
    fail: vectors(
      ["April's body, without delivery_mode", { status: "registered" }],
      ["another status", { status: "ok", delivery_mode: "push" }],
    ),
  },
  "register-error": {
    pass: vectors(
      ["401 missing token", { error: "missing workspace auth token" }],
      ["400 blocked address", { error: "url targets a blocked address: loopback address" }],
      [
        "503 fail-closed",
        {
          error: "cannot verify workspace credentials",
          detail: "Token existence check failed. This is retryable.",
        },
      ],
    ),
    fail: vectors(["another casing", { error: "Missing workspace auth token" }], ["no error", {}]),
  },
  "heartbeat-request": {
    pass: vectors(
      ["the reference stub's beat", REFERENCE_HEARTBEAT_BODY],
      ["only workspace_id", { workspace_id: WORKSPACE_ID }],
      [
        "ranges Go does not check",
        { workspace_id: WORKSPACE_ID, error_rate: 1.5, active_tasks: -1, monthly_spend: -3 },
      ],
      ["null tri-states", { workspace_id: WORKSPACE_ID, mcp_server_present: null, loaded_mcp_tools: null }],
    ),
    fail: vectors(
      ["no workspace_id", { error_rate: 0 }],
      ["an empty workspace_id", { workspace_id: "" }],
      ["a fractional active_tasks", { ...REFERENCE_HEARTBEAT_BODY, active_tasks: 0.5 }],
      ["a string error_rate", { ...REFERENCE_HEARTBEAT_BODY, error_rate: "0.0" }],
      [
        "a string capability",
        { workspace_id: WORKSPACE_ID, runtime_metadata: { capabilities: { heartbeat: "yes" } } },
      ],
    ),
  },
  "heartbeat-response": {
    pass: vectors(
      ["current", { status: "ok", generation: 0, platform_inbound_secret: "s" }],
      ["after a wake intent", { status: "ok", generation: 3 }],
    ),
    fail: vectors(
      ["another status", { status: "fine" }],
      ["a fractional generation", { status: "ok", generation: 1.5 }],
    ),
  },
  "update-card-request": {
    pass: vectors([
      "a card update",
      { workspace_id: WORKSPACE_ID, agent_card: { name: "x", url: "http://agent.example/" } },
    ]),
    fail: vectors(["no card", { workspace_id: WORKSPACE_ID }], ["no workspace_id", { agent_card: {} }]),
  },
  "update-card-response": {
    pass: vectors(["updated", { status: "updated" }]),
    fail: vectors(["another status", { status: "ok" }]),
  },
  "registered-agent-card": {
    pass: vectors(["the stub's card", REFERENCE_REGISTER_BODY.agent_card], ["a name only", { name: "Echo" }]),
    fail: vectors(["no name", { description: "x" }], ["an empty name", { name: "" }]),
  },
  "check-access-request": {
    pass: vectors(["two ids", { caller_id: WORKSPACE_ID, target_id: WORKSPACE_ID }]),
    fail: vectors(
      ["no target", { caller_id: WORKSPACE_ID }],
      ["an empty caller", { caller_id: "", target_id: "x" }],
    ),
  },
  "check-access-response": {
    pass: vectors(["allowed", { allowed: true }], ["denied", { allowed: false }]),
    fail: vectors(["a string", { allowed: "yes" }]),
  },
  "peers-response": {
    pass: vectors(
      ["no peers", []],
      [
        "a sibling",
        [
          {
            id: WORKSPACE_ID,
            name: "Beta",
            role: null,
            tier: 2,
            status: "online",
            agent_card: null,
            url: "",
            parent_id: WORKSPACE_ID,
            active_tasks: 0,
          },
        ],
      ],
    ),
    fail: vectors(["null", null], ["a peer without a status", [{ id: WORKSPACE_ID, name: "Beta" }]]),
  },
  "discover-response": {
    pass: vectors([
      "an internal URL",
      { id: WORKSPACE_ID, name: "Beta", url: `http://ws-${WORKSPACE_ID}:8000` },
    ]),
    fail: vectors(["no url", { id: WORKSPACE_ID, name: "Beta" }]),
  },
} satisfies Record<string, VectorSet>;
