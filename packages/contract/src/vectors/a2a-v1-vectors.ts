import { buildV1JsonRpcError } from "../a2a/v1/error-details.js";
import { type VectorSet, vectors } from "./vector.js";

// A2A v1.0 bodies as `@a2a-js/sdk` 1.x writes them: ROLE_/TASK_STATE_ enums, parts without a kind tag.
const MESSAGE = { messageId: "m-1", role: "ROLE_USER", parts: [{ text: "ping" }] };
const TASK = {
  id: "t-1",
  contextId: "c-1",
  status: { state: "TASK_STATE_COMPLETED", timestamp: "2026-03-12T10:00:00.000Z" },
  history: [MESSAGE],
  artifacts: [{ artifactId: "a-1", parts: [{ text: "STUB OK", mediaType: "text/plain" }] }],
};
const CARD = {
  name: "stub",
  description: "stub runtime (e2e lifecycle)",
  supportedInterfaces: [
    { url: "http://localhost:8000", protocolBinding: "JSONRPC", protocolVersion: "1.0" },
    { url: "http://localhost:8000", protocolBinding: "JSONRPC", protocolVersion: "0.3" },
  ],
  version: "0.1.0",
  capabilities: { streaming: false, pushNotifications: false, extendedAgentCard: false },
  defaultInputModes: ["text/plain"],
  defaultOutputModes: ["text/plain"],
  skills: [{ id: "s", name: "S", description: "d", tags: ["stub"] }],
};

/** Examples of the A2A v1.0 bodies. */
export const A2A_V1_VECTORS = {
  "a2a-v1-part": {
    pass: vectors(
      ["text", { text: "hi" }],
      ["raw bytes with a name and type", { raw: "aGk=", filename: "a.txt", mediaType: "text/plain" }],
      ["a url", { url: "https://example.com/a.txt" }],
      ["structured data", { data: { a: 1 } }],
    ),
    fail: vectors(["two contents", { text: "a", url: "b" }], ["no content", {}]),
  },
  "a2a-v1-message": {
    pass: vectors(["the SDK's user message", MESSAGE]),
    fail: vectors(["a v0.3 role and no parts", { role: "user", parts: [] }]),
  },
  "a2a-v1-task": {
    pass: vectors(["a completed task with history and artifacts", TASK]),
    fail: vectors(["a v0.3 state", { ...TASK, status: { state: "completed" } }]),
  },
  "a2a-v1-agent-card": {
    pass: vectors(["a card declaring v1.0 and v0.3 JSON-RPC on one URL", CARD]),
    fail: vectors(["no supported interface", { ...CARD, supportedInterfaces: [] }]),
  },
  "a2a-v1-send-message-request": {
    pass: vectors([
      "the SDK's SendMessage",
      { message: MESSAGE, configuration: { returnImmediately: true, historyLength: 2 } },
    ]),
    fail: vectors(["no message", { configuration: {} }]),
  },
  "a2a-v1-send-message-response": {
    pass: vectors(
      ["a task result", { jsonrpc: "2.0", id: 1, result: { task: TASK } }],
      ["a message result", { jsonrpc: "2.0", id: "r", result: { message: MESSAGE } }],
    ),
    fail: vectors([
      "a task and a message",
      { jsonrpc: "2.0", id: 1, result: { task: TASK, message: MESSAGE } },
    ]),
  },
  "a2a-v1-get-task-request": {
    pass: vectors(["by id", { id: "t-1" }], ["with a history length", { id: "t-1", historyLength: 2 }]),
    fail: vectors(["an empty id", { id: "" }]),
  },
  "a2a-v1-cancel-task-request": {
    pass: vectors(["by id", { id: "t-1" }]),
    fail: vectors(["no id", {}]),
  },
  "a2a-v1-list-tasks-request": {
    pass: vectors(["the largest page", { pageSize: 100 }], ["none", {}]),
    fail: vectors(["a page of 0", { pageSize: 0 }], ["a page of 101", { pageSize: 101 }]),
  },
  "a2a-v1-list-tasks-response": {
    pass: vectors(["the last page", { tasks: [TASK], nextPageToken: "", pageSize: 50, totalSize: 1 }]),
    fail: vectors(["no page token", { tasks: [], pageSize: 50, totalSize: 0 }]),
  },
  "a2a-v1-json-rpc-error-response": {
    pass: vectors(["TaskNotFound with its ErrorInfo", buildV1JsonRpcError("TaskNotFound", { id: 1 })]),
    fail: vectors(["an error without a code", { jsonrpc: "2.0", id: 1, error: { message: "x" } }]),
  },
} satisfies Record<string, VectorSet>;
