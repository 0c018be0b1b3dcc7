import {
  AgentCard,
  JsonRpcErrorResponse,
  JsonRpcResponse,
  MessageSendSuccessResponse,
  parseContract,
} from "@molecule-ctk/contract";
import { describe, expect, it } from "vitest";
import { TEST_WORKSPACE_ID } from "../stub-runtime-test-utils.js";
import { get, messageSend, post, testHandler } from "./a2a-handler-test-utils.js";

async function errorOf(response: Response) {
  expect(response.status).toBe(200);
  return parseContract(JsonRpcErrorResponse, await response.json(), "error response");
}

describe("message/send", () => {
  it.each([["abc"], [42], [null]])(
    "answers STUB OK keeping the request id %j and the contextId",
    async (id) => {
      const response = await post(testHandler(), messageSend(id, { contextId: "ctx-9" }));
      const reply = parseContract(MessageSendSuccessResponse, await response.json(), "reply");
      expect(reply.id).toBe(id);
      expect(reply.result).toMatchObject({
        kind: "message",
        role: "agent",
        parts: [{ kind: "text", text: "STUB OK" }],
        contextId: "ctx-9",
      });
    },
  );

  it("gives every reply a fresh messageId and the configured reply text", async () => {
    const handler = testHandler({ reply: "PONG" });
    const first = (await (await post(handler, messageSend(1))).json()) as { result: { messageId: string } };
    const second = (await (await post(handler, messageSend(2))).json()) as { result: { messageId: string } };
    expect(first.result.messageId).not.toBe(second.result.messageId);
    expect(first.result.messageId).not.toBe("m-1");
    expect(JSON.stringify(first)).toContain('"text":"PONG"');
  });

  it("answers -32602 naming the field given params without a message", async () => {
    const error = await errorOf(
      await post(testHandler(), { jsonrpc: "2.0", id: 3, method: "message/send", params: {} }),
    );
    expect(error).toMatchObject({ id: 3, error: { code: -32602 } });
    expect(error.error.message).toBe("invalid params: message/send params: message: is required");
  });

  it("answers -32602 naming the nested field given a malformed message", async () => {
    const body = messageSend("x");
    (body["params"] as { message: Record<string, unknown> }).message["role"] = "robot";
    const error = await errorOf(await post(testHandler(), body));
    expect(error.error.code).toBe(-32602);
    expect(error.error.message).toContain('message.role: expected "user" | "agent", got "robot"');
  });

  it("counts a delayed message/send as an active task until it answers", async () => {
    let delayed!: () => void;
    const waiting = new Promise<void>((resolve) => (delayed = resolve));
    const handler = testHandler({
      replyDelayMs: 30,
      report: (line) => line.includes("replying in 30 ms") && delayed(),
    });
    const pending = post(handler, messageSend(1));
    await waiting;
    expect(handler.activeTasks).toBe(1);
    expect((await pending).status).toBe(200);
    expect(handler.activeTasks).toBe(0);
  });
});

describe("JSON-RPC envelope", () => {
  it("answers -32700 with id null given a body that is not JSON", async () => {
    const error = await errorOf(await post(testHandler(), "{not json"));
    expect(error).toMatchObject({ id: null, error: { code: -32700 } });
  });

  it("answers -32600 keeping a readable id given a request without a method", async () => {
    const error = await errorOf(await post(testHandler(), { jsonrpc: "2.0", id: "keep-me" }));
    expect(error).toMatchObject({ id: "keep-me", error: { code: -32600 } });
    expect(error.error.message).toContain("method: is required");
  });

  it.each([
    ["a wrong version", { jsonrpc: "1.0", id: 1, method: "message/send" }],
    ["a number", 7],
    ["a string", '"hello"'],
    ["params that are a string", { jsonrpc: "2.0", id: 1, method: "message/send", params: "x" }],
  ])("answers -32600 given %s", async (_label, body) => {
    const error = await errorOf(await post(testHandler(), body));
    expect(error.error.code).toBe(-32600);
  });

  it.each([[{ a: 1 }], [[1, 2]]])("answers -32600 with id null given the id %j", async (id) => {
    const error = await errorOf(await post(testHandler(), { jsonrpc: "2.0", id, method: "message/send" }));
    expect(error).toMatchObject({ id: null, error: { code: -32600 } });
    expect(error.error.message).toContain("id: must be a string, a number or null");
  });

  it("answers -32601 with the reference's text given an unknown method", async () => {
    const error = await errorOf(
      await post(testHandler(), { jsonrpc: "2.0", id: 5, method: "signals/restart_pending" }),
    );
    expect(error).toEqual({
      jsonrpc: "2.0",
      id: 5,
      error: { code: -32601, message: "method not found: signals/restart_pending" },
    });
  });

  it("answers -32601 for inherited object members such as constructor", async () => {
    const error = await errorOf(await post(testHandler(), { jsonrpc: "2.0", id: 1, method: "constructor" }));
    expect(error.error.code).toBe(-32601);
  });

  it("answers -32603 for a fault inside a method and keeps serving", async () => {
    const failing = new Map([["boom", async () => Promise.reject(new Error("kaput"))]]);
    const handler = testHandler({ methods: failing });
    const error = await errorOf(await post(handler, { jsonrpc: "2.0", id: 9, method: "boom" }));
    expect(error).toMatchObject({ id: 9, error: { code: -32603 } });
    expect((await post(handler, messageSend(10))).status).toBe(200);
  });

  it("answers a request without an id with id null, as the A2A SDKs do, unknown method or bad params", async () => {
    const handler = testHandler();
    const unknown = await errorOf(
      await post(handler, { jsonrpc: "2.0", method: "message/ssend", params: {} }),
    );
    expect(unknown).toEqual({
      jsonrpc: "2.0",
      id: null,
      error: { code: -32601, message: "method not found: message/ssend" },
    });
    const invalid = await errorOf(
      await post(handler, { jsonrpc: "2.0", method: "message/send", params: { "": "not_a_dict" } }),
    );
    expect(invalid).toMatchObject({ id: null, error: { code: -32602 } });
  });

  it("runs and answers an id-less message/send", async () => {
    const { id: _id, ...request } = messageSend(1);
    const reply = parseContract(
      MessageSendSuccessResponse,
      await (await post(testHandler(), request)).json(),
      "reply",
    );
    expect(reply).toMatchObject({ id: null, result: { role: "agent", parts: [{ text: "STUB OK" }] } });
  });
});

describe("batches", () => {
  it("answers each request in order, id-less ones included", async () => {
    const response = await post(testHandler(), [
      messageSend(1),
      { jsonrpc: "2.0", method: "message/send", params: {} },
      { jsonrpc: "2.0", id: 2, method: "nope" },
      42,
    ]);
    const answers = (await response.json()) as unknown[];
    expect(answers).toHaveLength(4);
    for (const answer of answers) parseContract(JsonRpcResponse, answer, "batch answer");
    expect(answers.map((a) => (a as { id: unknown }).id)).toEqual([1, null, 2, null]);
    const codes = answers.map((a) => (a as { error?: { code: number } }).error?.code);
    expect(codes).toEqual([undefined, -32602, -32601, -32600]);
  });

  it("answers an empty batch with a single -32600", async () => {
    const error = await errorOf(await post(testHandler(), []));
    expect(error).toMatchObject({ id: null, error: { code: -32600 } });
  });

  it("answers a batch of id-less requests with an array", async () => {
    const response = await post(testHandler(), [
      { jsonrpc: "2.0", method: "a" },
      { jsonrpc: "2.0", method: "b" },
    ]);
    expect(await response.json()).toEqual([
      { jsonrpc: "2.0", id: null, error: { code: -32601, message: "method not found: a" } },
      { jsonrpc: "2.0", id: null, error: { code: -32601, message: "method not found: b" } },
    ]);
  });
});

describe("HTTP surface", () => {
  it.each(["/.well-known/agent-card.json", "/.well-known/agent.json"])(
    "serves a valid v0.3 agent card at %s",
    async (path) => {
      const response = await get(testHandler(), path);
      const card = parseContract(AgentCard, await response.json(), "card");
      expect(card).toMatchObject({
        protocolVersion: "0.3.0",
        preferredTransport: "JSONRPC",
        url: "http://localhost:40123",
        name: TEST_WORKSPACE_ID,
      });
      expect(card.skills.length).toBeGreaterThan(0);
    },
  );

  it.each(["/", "/health", "/anything/else?x=1"])(
    "answers GET %s with the reference's health JSON",
    async (path) => {
      const response = await get(testHandler(), path);
      expect(await response.json()).toEqual({ status: "ok", stub: true, workspace_id: TEST_WORKSPACE_ID });
    },
  );

  it("treats a POST to the agent-card path as JSON-RPC", async () => {
    const response = await post(testHandler(), messageSend(1), "/.well-known/agent-card.json");
    parseContract(MessageSendSuccessResponse, await response.json(), "reply");
  });

  it("sends Content-Type application/json and an exact Content-Length", async () => {
    for (const response of [await get(testHandler(), "/health"), await post(testHandler(), messageSend(1))]) {
      expect(response.headers.get("content-type")).toBe("application/json");
      const body = Buffer.from(await response.arrayBuffer());
      expect(Number(response.headers.get("content-length"))).toBe(body.byteLength);
    }
  });

  it("answers 405 to other HTTP methods", async () => {
    const response = await testHandler().handle(
      new Request("http://stub.test/", { method: "PUT", body: "{}" }),
    );
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, POST");
  });
});
