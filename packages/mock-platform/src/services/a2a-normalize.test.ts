import { describe, expect, it } from "vitest";
import { normalizeA2APayload, readCapped } from "./a2a-normalize.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function normalise(body: unknown) {
  const result = normalizeA2APayload(JSON.stringify(body));
  if (!result.ok) throw new Error(JSON.stringify(result.reply));
  return result.envelope as { id: unknown; params: { message: Record<string, unknown> } } & Record<
    string,
    unknown
  >;
}

describe("normalizeA2APayload", () => {
  it("wraps a bare {method, params} with a fresh uuid id and drops a caller id", () => {
    const out = normalise({ id: "caller-id", method: "message/send", params: { message: { parts: [] } } });
    expect(out.jsonrpc).toBe("2.0");
    expect(out.method).toBe("message/send");
    expect(out.id).toMatch(UUID);
  });

  it("keeps the caller id of a full envelope", () => {
    const out = normalise({
      jsonrpc: "2.0",
      id: "custom-id-123",
      method: "message/send",
      params: { message: { parts: [] } },
    });
    expect(out.id).toBe("custom-id-123");
  });

  it("adds messageId and role and renames a part's type to kind", () => {
    const out = normalise({
      method: "message/send",
      params: { message: { parts: [{ type: "text", text: "ping" }] } },
    });
    expect(out.params.message.role).toBe("user");
    expect(out.params.message.messageId).toMatch(UUID);
    expect(out.params.message.parts).toEqual([{ kind: "text", text: "ping" }]);
  });

  it("keeps an existing kind, role and messageId", () => {
    const message = { role: "agent", messageId: "m1", parts: [{ kind: "data", type: "x", data: {} }] };
    const out = normalise({ jsonrpc: "2.0", id: 1, method: "message/send", params: { message } });
    expect(out.params.message).toEqual(message);
  });

  it("turns a v0.2 content string into a text part", () => {
    const out = normalise({ method: "message/send", params: { message: { content: "hello" } } });
    expect(out.params.message.parts).toEqual([{ kind: "text", text: "hello" }]);
    expect(out.params.message.content).toBeUndefined();
  });

  it("rejects a message with neither parts nor content with 400", () => {
    const result = normalizeA2APayload(JSON.stringify({ method: "message/send", params: { message: {} } }));
    expect(result.ok ? 0 : result.reply.status).toBe(400);
  });

  it.each(["{nope", "[1,2]", '"text"'])("answers 400 invalid JSON for %s", (text) => {
    const result = normalizeA2APayload(text);
    expect(result.ok ? undefined : result.reply).toEqual({ status: 400, body: { error: "invalid JSON" } });
  });

  it("forwards any method untouched", () => {
    expect(normalise({ method: "nonexistent/method", params: {} })).toMatchObject({
      method: "nonexistent/method",
      params: {},
    });
  });
});

describe("readCapped", () => {
  const stream = (bytes: number) => new Blob([new Uint8Array(bytes)]).stream();

  it("reads a body at the cap", async () => {
    expect(await readCapped(stream(1024), 1024)).toMatchObject({ tooLarge: false });
  });

  it("stops one byte past the cap", async () => {
    expect(await readCapped(stream(1025), 1024)).toEqual({ tooLarge: true });
  });
});
