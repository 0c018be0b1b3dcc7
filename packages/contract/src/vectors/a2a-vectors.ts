import {
  FORWARDED_MESSAGE_SEND,
  HARNESS_A2A_BODY,
  REFERENCE_METHOD_NOT_FOUND,
  REFERENCE_REPLY,
  V03_AGENT_CARD,
  WORKSPACE_ID,
} from "./reference-bodies.js";
import { type VectorSet, vectors } from "./vector.js";

const TEXT = { kind: "text", text: "ping" };
const MESSAGE = FORWARDED_MESSAGE_SEND.params.message;
const TASK = {
  kind: "task",
  id: "task-1",
  contextId: "ctx-1",
  status: { state: "completed", timestamp: "2026-08-14T00:00:00Z" },
  artifacts: [{ artifactId: "a-1", parts: [TEXT] }],
};
const QUEUE_ID = "0f1e2d3c-4b5a-4968-8776-655443322110";

/** Examples of the JSON-RPC and A2A bodies, and of the proxy's own answers (contract 7, 11). */
export const A2A_VECTORS = {
  "json-rpc-request": {
    pass: vectors(
      ["a request", { jsonrpc: "2.0", id: 1, method: "tasks/get", params: { id: "t" } }],
      ["a notification", { jsonrpc: "2.0", method: "x" }],
    ),
    fail: vectors(
      ["JSON-RPC 1.0", { jsonrpc: "1.0", method: "x", id: 1 }],
      ["scalar params", { jsonrpc: "2.0", method: "x", params: 3 }],
    ),
  },
  "json-rpc-success-response": {
    pass: vectors(["any result", { jsonrpc: "2.0", id: "a", result: { ok: true } }]),
    fail: vectors(["an object id", { jsonrpc: "2.0", id: { a: 1 }, result: {} }]),
  },
  "json-rpc-error-response": {
    pass: vectors(
      ["the reference stub's -32601", REFERENCE_METHOD_NOT_FOUND],
      ["a null id", { jsonrpc: "2.0", id: null, error: { code: -32700, message: "parse error" } }],
    ),
    fail: vectors(
      ["an object id", { jsonrpc: "2.0", id: { a: 1 }, error: { code: -32601, message: "m" } }],
      ["a fractional code", { jsonrpc: "2.0", id: 1, error: { code: 1.5, message: "m" } }],
    ),
  },
  "json-rpc-response": {
    pass: vectors(["a success", REFERENCE_REPLY], ["an error", REFERENCE_METHOD_NOT_FOUND]),
    fail: vectors(["no jsonrpc", { id: 1, result: {} }]),
  },
  "a2a-part": {
    pass: vectors(
      ["text", TEXT],
      ["data", { kind: "data", data: { a: 1 } }],
      ["file by uri", { kind: "file", file: { uri: "https://x/y" } }],
    ),
    fail: vectors(["v0.2 type", { type: "text", text: "ping" }], ["text without text", { kind: "text" }]),
  },
  "a2a-message": {
    pass: vectors(["the forwarded message", MESSAGE], ["the stub's reply", REFERENCE_REPLY.result]),
    fail: vectors(
      ["role system", { ...MESSAGE, role: "system" }],
      ["no messageId", { role: "user", parts: [TEXT] }],
    ),
  },
  "a2a-task": {
    pass: vectors(["a completed task", TASK]),
    fail: vectors(
      ["an unknown state", { ...TASK, status: { state: "done" } }],
      ["no contextId", { kind: "task", id: "t", status: { state: "working" } }],
    ),
  },
  "a2a-agent-card": {
    pass: vectors(["a complete v0.3 card", V03_AGENT_CARD]),
    fail: vectors(
      ["no skills", { ...V03_AGENT_CARD, skills: undefined }],
      ["the SSOT's minimal card", { name: "Org Concierge" }],
    ),
  },
  "message-send-params": {
    pass: vectors(["the forwarded params", FORWARDED_MESSAGE_SEND.params]),
    fail: vectors(["no message", { configuration: {} }]),
  },
  "message-send-request": {
    pass: vectors(["as the proxy forwards it", FORWARDED_MESSAGE_SEND]),
    fail: vectors(
      ["another method", { ...FORWARDED_MESSAGE_SEND, method: "tasks/get" }],
      ["the harness's bare body", HARNESS_A2A_BODY],
    ),
  },
  "message-send-response": {
    pass: vectors(
      ["the stub's reply", REFERENCE_REPLY],
      ["a task result", { jsonrpc: "2.0", id: 1, result: TASK }],
      ["an error", REFERENCE_METHOD_NOT_FOUND],
    ),
    fail: vectors(["a result that is neither", { jsonrpc: "2.0", id: 1, result: { ok: true } }]),
  },
  "a2a-envelope-request": {
    pass: vectors(
      ["the forwarded envelope", FORWARDED_MESSAGE_SEND],
      [
        "any role and kind, no messageId",
        {
          jsonrpc: "2.0",
          method: "message/send",
          params: { message: { role: "system", parts: [{ kind: "image" }] } },
        },
      ],
    ),
    fail: vectors(
      [
        "no parts",
        { jsonrpc: "2.0", method: "message/send", params: { message: { role: "user", parts: [] } } },
      ],
      [
        "a part without kind",
        {
          jsonrpc: "2.0",
          method: "message/send",
          params: { message: { role: "user", parts: [{ type: "text" }] } },
        },
      ],
      ["no message", { jsonrpc: "2.0", method: "message/send", params: {} }],
    ),
  },
  "a2a-async-accepted-response": {
    pass: vectors(["a poll-mode ack", { status: "queued", delivery_mode: "poll", method: "message/send" }]),
    fail: vectors(
      ["the 202 queue body", { queued: true, queue_id: QUEUE_ID, queue_depth: 1 }],
      ["another mode", { status: "queued", delivery_mode: "push" }],
    ),
  },
  "a2a-queued-response": {
    pass: vectors([
      "queued",
      {
        queued: true,
        queue_id: QUEUE_ID,
        queue_depth: 1,
        message: "workspace agent busy — request queued, will dispatch when capacity available",
      },
    ]),
    fail: vectors([
      "a queue id that is not a UUID",
      {
        queued: true,
        queue_id: "q-1",
        queue_depth: 1,
        message: "workspace agent busy — request queued, will dispatch when capacity available",
      },
    ]),
  },
  "queue-status-response": {
    pass: vectors([
      "completed",
      {
        queue_id: QUEUE_ID,
        workspace_id: WORKSPACE_ID,
        status: "completed",
        priority: 50,
        attempts: 1,
        enqueued_at: "2026-08-14 00:00:00+00",
        response_body: { ok: true },
      },
    ]),
    fail: vectors([
      "an unknown status",
      {
        queue_id: QUEUE_ID,
        workspace_id: WORKSPACE_ID,
        status: "done",
        priority: 50,
        attempts: 1,
        enqueued_at: "t",
      },
    ]),
  },
  "a2a-restarting-body": {
    pass: vectors([
      "#4147",
      { error: "workspace agent restarting — retry after a short backoff", busy: true, retry_after: 30 },
    ]),
    fail: vectors(["another text", { error: "restarting", busy: true, retry_after: 30 }]),
  },
  "a2a-unreachable-body": {
    pass: vectors(
      [
        "transport path",
        { error: "workspace agent unreachable — container restart triggered", restarting: true },
      ],
      [
        "agent 5xx path",
        {
          error: "workspace agent unreachable — container restart triggered",
          restarting: true,
          retry_after: 15,
        },
      ],
    ),
    fail: vectors([
      "not restarting",
      { error: "workspace agent unreachable — container restart triggered", restarting: false },
    ]),
  },
  "a2a-no-url-body": {
    pass: vectors(["offline", { error: "workspace has no URL", status: "offline" }]),
    fail: vectors(["no status", { error: "workspace has no URL" }]),
  },
  "a2a-too-large-body": {
    pass: vectors([
      "16 MiB",
      {
        error: "request body exceeds 16777216 byte limit: A2A body exceeds size limit",
        truncated: true,
        max_bytes: 16777216,
      },
    ]),
    fail: vectors(["not truncated", { error: "x", truncated: false, max_bytes: 1 }]),
  },
} satisfies Record<string, VectorSet>;
