import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { A2AErrorCodes, type A2AErrorName } from "./a2a/error-codes.js";
import { JsonRpcErrorResponse } from "./a2a/json-rpc.js";
import { MessageSendSuccessResponse } from "./a2a/message-send.js";
import {
  buildAgentReply,
  buildHeartbeatRequest,
  buildJsonRpcError,
  buildJsonRpcSuccess,
  buildRegisterRequest,
  STUB_REPLY_TEXT,
} from "./builders.js";
import { REFERENCE_HEARTBEAT_BODY, REFERENCE_REGISTER_BODY, WORKSPACE_ID } from "./contract-test-utils.js";
import { HeartbeatRequest } from "./heartbeat.js";
import { RegisterRequest } from "./registry.js";

const workspaceId = fc.uuid();
const jsonRpcId = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant(null),
);
const errorName = fc.constantFrom(...(Object.keys(A2AErrorCodes) as A2AErrorName[]));

describe("buildRegisterRequest", () => {
  it("builds exactly the reference stub's body", () => {
    expect(buildRegisterRequest({ workspaceId: WORKSPACE_ID }, { url: "http://localhost:8000" })).toEqual(
      REFERENCE_REGISTER_BODY,
    );
  });

  it("always builds a body RegisterRequest accepts", () => {
    fc.assert(
      fc.property(
        workspaceId,
        fc.webUrl(),
        fc.constantFrom("push", "poll" as const),
        (id, url, deliveryMode) => {
          expect(
            RegisterRequest.safeParse(buildRegisterRequest({ workspaceId: id }, { url, deliveryMode }))
              .success,
          ).toBe(true);
        },
      ),
    );
  });
});

describe("buildHeartbeatRequest", () => {
  it("builds exactly the reference stub's six fields", () => {
    expect(buildHeartbeatRequest({ workspaceId: WORKSPACE_ID }, { uptimeSeconds: 12.9 })).toEqual(
      REFERENCE_HEARTBEAT_BODY,
    );
  });

  it("always builds a body HeartbeatRequest accepts, uptime in whole seconds", () => {
    fc.assert(
      fc.property(
        workspaceId,
        fc.record({
          uptimeSeconds: fc.double({ min: 0, max: 1e9, noNaN: true }),
          errorRate: fc.double({ min: 0, max: 1, noNaN: true }),
          sampleError: fc.string(),
          activeTasks: fc.nat(),
          currentTask: fc.string(),
        }),
        (id, stats) => {
          const body = buildHeartbeatRequest({ workspaceId: id }, stats);
          expect(HeartbeatRequest.safeParse(body).success).toBe(true);
          expect(Number.isInteger(body.uptime_seconds)).toBe(true);
        },
      ),
    );
  });
});

describe("buildAgentReply", () => {
  it("always builds a valid reply that keeps the id and contextId and carries a fresh messageId", () => {
    fc.assert(
      fc.property(
        jsonRpcId,
        fc.option(fc.string(), { nil: undefined }),
        fc.string(),
        (id, contextId, text) => {
          const first = buildAgentReply({ id, text, ...(contextId === undefined ? {} : { contextId }) });
          const second = buildAgentReply({ id, text });
          expect(MessageSendSuccessResponse.safeParse(first).success).toBe(true);
          expect(first.id).toBe(id);
          expect(first.result).toMatchObject({
            kind: "message",
            role: "agent",
            parts: [{ kind: "text", text }],
          });
          expect((first.result as { contextId?: string }).contextId).toBe(contextId);
          expect(first.result.kind === "message" && second.result.kind === "message").toBe(true);
          expect((first.result as { messageId: string }).messageId).not.toBe(
            (second.result as { messageId: string }).messageId,
          );
        },
      ),
    );
  });

  it("answers STUB OK by default", () => {
    expect(buildAgentReply({ id: 1 }).result).toMatchObject({
      parts: [{ kind: "text", text: STUB_REPLY_TEXT }],
    });
  });
});

describe("buildJsonRpcError", () => {
  it("always builds a valid error response with the table's code", () => {
    fc.assert(
      fc.property(errorName, jsonRpcId, fc.option(fc.string(), { nil: undefined }), (name, id, detail) => {
        const response = buildJsonRpcError(name, { id, ...(detail === undefined ? {} : { detail }) });
        expect(JsonRpcErrorResponse.safeParse(response).success).toBe(true);
        expect(response.error.code).toBe(A2AErrorCodes[name].code);
        expect(response.id).toBe(id);
      }),
    );
  });

  it("appends the detail to the table's message, as the reference stub words -32601", () => {
    expect(
      buildJsonRpcError("MethodNotFound", { id: "custom-id-123", detail: "nonexistent/method" }),
    ).toEqual({
      jsonrpc: "2.0",
      id: "custom-id-123",
      error: { code: -32601, message: "method not found: nonexistent/method" },
    });
    expect(buildJsonRpcError("ParseError").id).toBeNull();
    expect(buildJsonRpcError("InvalidParams", { data: { field: "params.message" } }).error.data).toEqual({
      field: "params.message",
    });
  });

  it("builds a success envelope around any result", () => {
    expect(buildJsonRpcSuccess(5, { ok: true })).toEqual({ jsonrpc: "2.0", id: 5, result: { ok: true } });
  });
});
