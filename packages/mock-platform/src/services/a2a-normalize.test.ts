import { describe, expect, it } from "vitest";
import { normalizeA2APayload } from "./a2a-normalize.js";

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

  it("keeps a v0.2 list-form content as the parts (a2a_proxy_test.go:TestNormalizeA2APayload_ConvertsV02ListContentToParts)", () => {
    const content = [
      { type: "text", text: "hello" },
      { kind: "data", data: { a: 1 } },
    ];
    const out = normalise({ method: "message/send", params: { message: { content } } });
    expect(out.params.message.parts).toEqual([
      { kind: "text", text: "hello" },
      { kind: "data", data: { a: 1 } },
    ]);
    expect(out.params.message.content).toBeUndefined();
  });

  it("answers 400 for content of another type (TestNormalizeA2APayload_RejectsContentWithUnsupportedType)", () => {
    const result = normalizeA2APayload(JSON.stringify({ params: { message: { content: 42 } } }));
    expect(result.ok ? undefined : result.reply).toEqual({
      status: 400,
      body: {
        error: "invalid params.message.content type",
        hint: "content must be a string (v0.2 compat) or omitted in favour of parts (v0.3)",
      },
    });
  });

  it("answers 400 for neither parts nor content (TestNormalizeA2APayload_RejectsMessageWithNeitherContentNorParts)", () => {
    const result = normalizeA2APayload(JSON.stringify({ method: "message/send", params: { message: {} } }));
    expect(result.ok ? undefined : result.reply).toEqual({
      status: 400,
      body: {
        error: "params.message must contain either 'parts' (v0.3) or 'content' (v0.2 compat)",
        hint: 'v0.3 example: {"parts":[{"kind":"text","text":"..."}]}',
      },
    });
  });

  it("defaults by key presence: an empty messageId or role and a null parts stay (TestNormalizeA2APayload_PreservesExistingMessageId, :…_PreservesExplicitRole)", () => {
    const out = normalise({ params: { message: { messageId: "", role: "", parts: null, content: "x" } } });
    expect(out.params.message).toEqual({ messageId: "", role: "", parts: null, content: "x" });
  });

  it("wraps a JSON null body as Go does, with null method and params", () => {
    const result = normalizeA2APayload("null");
    expect(result.ok && result.envelope).toMatchObject({ jsonrpc: "2.0", method: null, params: null });
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
