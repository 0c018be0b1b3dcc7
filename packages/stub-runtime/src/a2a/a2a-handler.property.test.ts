import { JsonRpcResponse, parseContract } from "@molecule-ctk/contract";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { post, testHandler } from "./a2a-handler-test-utils.js";

const handler = testHandler({ result: "message" });

/** A valid answer: 200 with one JSON-RPC response or a non-empty array of them (id-less requests are answered too). */
async function expectValidAnswer(response: Response): Promise<unknown> {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/json");
  const body: unknown = await response.json();
  if (Array.isArray(body)) {
    expect(body.length).toBeGreaterThan(0);
    for (const item of body) parseContract(JsonRpcResponse, item, "batch item");
  } else {
    parseContract(JsonRpcResponse, body, "answer");
  }
  return body;
}

const methods = fc.oneof(
  fc.constantFrom(
    "message/send",
    "tasks/get",
    "tasks/cancel",
    "SendMessage",
    "GetTask",
    "ListTasks",
    "CancelTask",
    "constructor",
    "__proto__",
    "toString",
  ),
  fc.string(),
);
const idless = fc.record({ jsonrpc: fc.constant("2.0"), method: methods });
const requestLike = fc.record(
  {
    jsonrpc: fc.oneof(fc.constant("2.0"), fc.jsonValue()),
    id: fc.jsonValue(),
    method: fc.oneof(methods, fc.jsonValue()),
    params: fc.oneof(
      fc.jsonValue(),
      fc.record({ message: fc.jsonValue() }),
      fc.record({ id: fc.jsonValue(), historyLength: fc.jsonValue() }),
    ),
  },
  { requiredKeys: [] },
);

/** A batch member the server must not answer: a valid request without an `id` member (JSON-RPC 2.0, section 6). */
describe("JSON-RPC handler given malformed input", () => {
  it("answers any string body with a valid JSON-RPC answer", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary" }), async (text) => {
        await expectValidAnswer(await post(handler, text));
      }),
    );
  });

  it("answers any JSON value with a valid JSON-RPC answer", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        await expectValidAnswer(await post(handler, JSON.stringify(value)));
      }),
    );
  });

  it("answers request-shaped objects with wrong-typed members, echoing a valid id and null for none", async () => {
    await fc.assert(
      fc.asyncProperty(requestLike, async (request) => {
        const body = await expectValidAnswer(await post(handler, JSON.stringify(request)));
        const validId =
          typeof request.id === "string" || typeof request.id === "number" || request.id === null;
        if (validId && request.jsonrpc === "2.0" && typeof request.method === "string") {
          expect((body as { id: unknown }).id).toEqual(JSON.parse(JSON.stringify(request.id)));
        }
        if (!("id" in request)) expect((body as { id: unknown }).id).toBeNull();
      }),
    );
  });

  it("answers a batch with exactly one response per member, id-less members included (decision 005)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(requestLike, idless, fc.jsonValue()), { minLength: 1, maxLength: 8 }),
        async (batch) => {
          const wire: unknown[] = JSON.parse(JSON.stringify(batch));
          const response = await post(handler, JSON.stringify(wire));
          expect(response.status).toBe(200);
          const body: unknown = await response.json();
          expect(Array.isArray(body)).toBe(true);
          expect(body).toHaveLength(wire.length);
          for (const item of body as unknown[]) parseContract(JsonRpcResponse, item, "batch item");
        },
      ),
    );
  });

  it("answers an empty batch with one Invalid Request error, not an array", async () => {
    const response = await post(handler, "[]");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: -32600 } });
  });
});
