import { describe, expect, it } from "vitest";
import { failureMessage, jsonSchemaValidator } from "../../contract-test-utils.js";
import { A2A_V1_METHODS, A2A_V03_METHODS, parseA2AVersion } from "../protocol-versions.js";
import { V1AgentCard } from "./agent-card.js";
import { buildV1JsonRpcError, V1ErrorInfo, V1JsonRpcErrorResponse } from "./error-details.js";
import { V1Message, V1Part } from "./message.js";
import { V1SendMessageRequest, V1SendMessageResponse, V1SendMessageResult } from "./send-message.js";
import { V1ListTasksRequest, V1Task } from "./task.js";

const failure = (schema: Parameters<typeof failureMessage>[0], value: unknown) =>
  failureMessage(schema, value, "v1");

/** A SendMessage request as `@a2a-js/sdk` 1.x serialises it. */
const SEND_MESSAGE = {
  message: { messageId: "m-1", role: "ROLE_USER", parts: [{ text: "ping" }] },
  configuration: { returnImmediately: true, historyLength: 2 },
};

const TASK = {
  id: "t-1",
  contextId: "c-1",
  status: { state: "TASK_STATE_COMPLETED", timestamp: "2026-03-12T10:00:00.000Z" },
  history: [SEND_MESSAGE.message],
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

describe("V1Part", () => {
  it.each([
    [{ text: "hi" }],
    [{ raw: "aGk=", filename: "a.txt", mediaType: "text/plain" }],
    [{ url: "https://example.com/a.txt" }],
    [{ data: { a: 1 } }],
    [{ data: [1, "two"] }],
    [{ data: null }],
  ])("accepts %j", (part) => {
    expect(V1Part.safeParse(part).success).toBe(true);
  });

  it("refuses a part with two contents or none, saying the oneof rule", () => {
    expect(failure(V1Part, { text: "a", url: "b" })).toBe(
      "v1: (root): a part holds exactly one of text, raw, url or data",
    );
    expect(failure(V1Part, {})).toBe("v1: (root): a part holds exactly one of text, raw, url or data");
  });

  it("refuses a v0.3 part: a kind tag is not content", () => {
    expect(V1Part.safeParse({ kind: "text" }).success).toBe(false);
    expect(V1Part.safeParse({ kind: "text", text: "x" }).success).toBe(true);
  });

  it("refuses raw bytes that are not base64", () => {
    expect(failure(V1Part, { raw: "not base64!" })).toBe("v1: raw: must be base64");
  });
});

describe("V1Message", () => {
  it("accepts the SDK's SendMessage request", () => {
    expect(V1SendMessageRequest.safeParse(SEND_MESSAGE).success).toBe(true);
  });

  it("refuses v0.3 roles, an empty part list and a missing messageId, naming each", () => {
    expect(failure(V1Message, { role: "user", parts: [] })).toBe(
      'v1: messageId: is required; role: expected "ROLE_USER" | "ROLE_AGENT", got "user"; parts: must have at least 1 item(s)',
    );
  });
});

describe("V1Task and ListTasks", () => {
  it("accepts a completed task with history and artifacts", () => {
    expect(V1Task.safeParse(TASK).success).toBe(true);
    expect(failure(V1Task, { ...TASK, status: { state: "completed" } })).toMatch(
      /^v1: status\.state: expected "TASK_STATE_UNSPECIFIED"/,
    );
  });

  it("bounds ListTasks pageSize to 1..100 and takes a UTC timestamp filter", () => {
    expect(V1ListTasksRequest.safeParse({ pageSize: 100 }).success).toBe(true);
    expect(failure(V1ListTasksRequest, { pageSize: 0 })).toBe("v1: pageSize: must be >= 1");
    expect(failure(V1ListTasksRequest, { pageSize: 101 })).toBe("v1: pageSize: must be <= 100");
    expect(V1ListTasksRequest.safeParse({ statusTimestampAfter: "2026-03-12T10:00:00Z" }).success).toBe(true);
  });
});

describe("V1SendMessageResult", () => {
  it("holds a task or a message, never both", () => {
    expect(V1SendMessageResult.safeParse({ task: TASK }).success).toBe(true);
    expect(V1SendMessageResult.safeParse({ message: SEND_MESSAGE.message }).success).toBe(true);
    expect(V1SendMessageResult.safeParse({ task: TASK, message: SEND_MESSAGE.message }).success).toBe(false);
    expect(V1SendMessageResponse.safeParse({ jsonrpc: "2.0", id: 1, result: { task: TASK } }).success).toBe(
      true,
    );
  });
});

describe("V1AgentCard", () => {
  it("accepts a card declaring v1.0 and v0.3 JSON-RPC on one URL", () => {
    expect(V1AgentCard.safeParse(CARD).success).toBe(true);
  });

  it("refuses a card without supportedInterfaces", () => {
    expect(failure(V1AgentCard, { ...CARD, supportedInterfaces: [] })).toBe(
      "v1: supportedInterfaces: must have at least 1 item(s)",
    );
  });
});

describe("buildV1JsonRpcError", () => {
  it("carries the table's code and an ErrorInfo with its reason and the metadata", () => {
    const error = buildV1JsonRpcError("TaskNotFound", { id: 7, detail: "t-9", metadata: { taskId: "t-9" } });
    expect(error).toEqual({
      jsonrpc: "2.0",
      id: 7,
      error: {
        code: -32001,
        message: "task not found: t-9",
        data: [
          {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            reason: "TASK_NOT_FOUND",
            domain: "a2a-protocol.org",
            metadata: { taskId: "t-9" },
          },
        ],
      },
    });
    expect(V1JsonRpcErrorResponse.safeParse(error).success).toBe(true);
    expect(V1ErrorInfo.safeParse(error.error.data?.[0]).success).toBe(true);
  });

  it("has -32009 for an unsupported version", () => {
    expect(buildV1JsonRpcError("VersionNotSupported").error.code).toBe(-32009);
  });
});

describe("parseA2AVersion", () => {
  it.each([
    [undefined, "0.3"],
    [null, "0.3"],
    ["", "0.3"],
    ["  ", "0.3"],
    ["0.3", "0.3"],
    ["0.3.0", "0.3"],
    ["1", "1.0"],
    ["1.0", "1.0"],
    [" 1.0.1 ", "1.0"],
    ["2.1", "2.1"],
    ["v1", undefined],
    ["1.x", undefined],
    ["1.0, 0.3", undefined],
  ])("reads %j as %j", (value, expected) => {
    expect(parseA2AVersion(value)).toBe(expected);
  });

  it("keeps the two method grammars disjoint", () => {
    const v03 = new Set<string>(A2A_V03_METHODS);
    for (const method of A2A_V1_METHODS) {
      expect(v03.has(method)).toBe(false);
      expect(method).toMatch(/^[A-Z][A-Za-z]+$/);
    }
    for (const method of A2A_V03_METHODS) expect(method).toContain("/");
  });
});

describe("v1 JSON Schemas", () => {
  it.each([
    ["a2a-v1-send-message-request", SEND_MESSAGE],
    ["a2a-v1-task", TASK],
    ["a2a-v1-agent-card", CARD],
    ["a2a-v1-send-message-response", { jsonrpc: "2.0", id: "x", result: { task: TASK } }],
    ["a2a-v1-json-rpc-error-response", buildV1JsonRpcError("InvalidParams", { id: 1 })],
  ] as const)("%s accepts a real body", (name, body) => {
    expect(jsonSchemaValidator(name)(body)).toBe(true);
  });

  it.each([
    ["a2a-v1-part", { text: "a", url: "b" }],
    ["a2a-v1-part", {}],
    ["a2a-v1-message", { messageId: "m", role: "user", parts: [{ text: "x" }] }],
    ["a2a-v1-send-message-response", { jsonrpc: "2.0", id: 1, result: { task: TASK, message: {} } }],
  ] as const)("%s refuses %j", (name, body) => {
    expect(jsonSchemaValidator(name)(body)).toBe(false);
  });
});
