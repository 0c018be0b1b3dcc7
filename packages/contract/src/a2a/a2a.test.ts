import { describe, expect, it } from "vitest";
import {
  APRIL_RUNTIME_CARD,
  FORWARDED_MESSAGE_SEND,
  failureMessage,
  HARNESS_A2A_BODY,
  REFERENCE_METHOD_NOT_FOUND,
  REFERENCE_REPLY,
  V03_AGENT_CARD,
} from "../contract-test-utils.js";
import { AgentCard } from "./agent-card.js";
import { A2AErrorCodes, a2aErrorName } from "./error-codes.js";
import { isNotification, JsonRpcErrorResponse, JsonRpcRequest, JsonRpcResponse } from "./json-rpc.js";
import { Message } from "./message.js";
import { MessageSendRequest, MessageSendResponse } from "./message-send.js";
import { Task, TaskQueryParams } from "./task.js";

const failure = (schema: Parameters<typeof failureMessage>[0], value: unknown) =>
  failureMessage(schema, value, "a2a");

describe("JsonRpcRequest", () => {
  it.each([
    ["string", "custom-id-123"],
    ["number", 7],
    ["null", null],
  ])("accepts a %s id", (_, id) => {
    expect(JsonRpcRequest.safeParse({ jsonrpc: "2.0", id, method: "message/send", params: {} }).success).toBe(
      true,
    );
  });

  it.each([
    ["an object", { a: 1 }],
    ["an array", [1]],
    ["a boolean", true],
  ])("rejects %s as id", (_, id) => {
    expect(JsonRpcRequest.safeParse({ jsonrpc: "2.0", id, method: "m" }).success).toBe(false);
  });

  it("tells a notification (no id member) from a request with id null", () => {
    expect(isNotification(JsonRpcRequest.parse({ jsonrpc: "2.0", method: "m" }))).toBe(true);
    expect(isNotification(JsonRpcRequest.parse({ jsonrpc: "2.0", method: "m", id: null }))).toBe(false);
  });

  it("rejects a wrong version, a missing method and scalar params, naming each", () => {
    expect(failure(JsonRpcRequest, { jsonrpc: "1.0", params: 3 })).toBe(
      'a2a: jsonrpc: expected "2.0", got "1.0"; method: is required; params: expected object | array, got number',
    );
  });
});

describe("message/send", () => {
  it("accepts the request as the proxy forwards it: no message kind, parts with kind", () => {
    const parsed = MessageSendRequest.parse(FORWARDED_MESSAGE_SEND);
    expect(parsed.params.message.kind).toBe("message");
    expect(parsed.params.message.parts).toEqual([{ kind: "text", text: "ping" }]);
  });

  it("rejects the harness's raw v0.2 parts (type, not kind): the proxy must rename them first", () => {
    const raw = { jsonrpc: "2.0", id: 1, ...HARNESS_A2A_BODY };
    expect(failure(MessageSendRequest, raw)).toMatch(/^a2a: params\.message\.parts\[0\]\.kind: /);
  });

  it("names a missing message, role and messageId", () => {
    expect(failure(MessageSendRequest, { jsonrpc: "2.0", id: 1, method: "message/send", params: {} })).toBe(
      "a2a: params.message: is required",
    );
    const noRole = { ...FORWARDED_MESSAGE_SEND, params: { message: { parts: [], messageId: "" } } };
    expect(failure(MessageSendRequest, noRole)).toBe(
      "a2a: params.message.role: is required; params.message.messageId: must not be empty",
    );
  });

  it("keeps unknown A2A members (v0.3 objects are open)", () => {
    const message = {
      role: "user",
      parts: [{ kind: "text", text: "x", future: 1 }],
      messageId: "m",
      vendor: { a: 1 },
    };
    expect(Message.parse(message)).toMatchObject({ vendor: { a: 1 }, parts: [{ future: 1 }] });
  });

  it("accepts the reference stub's canned reply and its -32601 answer", () => {
    expect(MessageSendResponse.safeParse(REFERENCE_REPLY).success).toBe(true);
    expect(JsonRpcErrorResponse.safeParse(REFERENCE_METHOD_NOT_FOUND).success).toBe(true);
    expect(JsonRpcResponse.safeParse(REFERENCE_METHOD_NOT_FOUND).success).toBe(true);
  });

  it("accepts a Task result with status, history and artifacts", () => {
    const task = {
      kind: "task",
      id: "task-1",
      contextId: "ctx-1",
      status: { state: "completed", timestamp: "2026-11-26T10:00:00Z", message: REFERENCE_REPLY.result },
      history: [{ ...REFERENCE_REPLY.result, role: "user" }],
      artifacts: [{ artifactId: "a-1", parts: [{ kind: "data", data: { ok: true } }] }],
    };
    expect(Task.safeParse(task).success).toBe(true);
    expect(MessageSendResponse.safeParse({ jsonrpc: "2.0", id: 3, result: task }).success).toBe(true);
    expect(failure(Task, { ...task, status: { state: "done" } })).toMatch(
      /^a2a: status\.state: expected "submitted"/,
    );
  });

  it("accepts file parts by bytes or uri and rejects one with neither", () => {
    const part = (file: unknown) => ({ role: "user", messageId: "m", parts: [{ kind: "file", file }] });
    expect(Message.safeParse(part({ bytes: "aGk=", name: "a.txt" })).success).toBe(true);
    expect(Message.safeParse(part({ uri: "file:///a.txt" })).success).toBe(true);
    expect(Message.safeParse(part({ name: "a.txt" })).success).toBe(false);
  });

  it("bounds historyLength of tasks/get to a non-negative integer", () => {
    expect(TaskQueryParams.safeParse({ id: "t", historyLength: 2 }).success).toBe(true);
    expect(failure(TaskQueryParams, { id: "t", historyLength: -1 })).toBe("a2a: historyLength: must be >= 0");
  });
});

describe("AgentCard", () => {
  it("accepts a complete v0.3 card", () => {
    expect(AgentCard.safeParse(V03_AGENT_CARD).success).toBe(true);
  });

  it("rejects the April runtime's card, naming each field v0.3 makes mandatory", () => {
    expect(failure(AgentCard, APRIL_RUNTIME_CARD)).toBe(
      "a2a: protocolVersion: is required; defaultInputModes: is required; defaultOutputModes: is required",
    );
  });

  it("requires tags on each skill", () => {
    const card = { ...V03_AGENT_CARD, skills: [{ id: "s", name: "S", description: "d" }] };
    expect(failure(AgentCard, card)).toBe("a2a: skills[0].tags: is required");
  });
});

describe("A2AErrorCodes", () => {
  it("holds the JSON-RPC and A2A codes once each", () => {
    const codes = Object.values(A2AErrorCodes).map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.sort((a, b) => a - b)).toEqual([
      -32700, -32603, -32602, -32601, -32600, -32009, -32008, -32007, -32006, -32005, -32004, -32003, -32002,
      -32001,
    ]);
  });

  it("gives every code a distinct upper-case ErrorInfo reason", () => {
    const reasons = Object.values(A2AErrorCodes).map((entry) => entry.reason);
    expect(new Set(reasons).size).toBe(reasons.length);
    for (const reason of reasons) expect(reason).toMatch(/^[A-Z][A-Z_]+$/);
  });

  it("names a code and nothing for an unknown one", () => {
    expect(a2aErrorName(-32601)).toBe("MethodNotFound");
    expect(a2aErrorName(-32001)).toBe("TaskNotFound");
    expect(a2aErrorName(-1)).toBeUndefined();
  });
});
