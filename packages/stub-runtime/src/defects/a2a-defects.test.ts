import { describe, expect, it } from "vitest";
import { createA2AHandler } from "../a2a/a2a-handler.js";
import { handleFetch } from "../http/stub-exchange.js";
import { withA2ADefect } from "./a2a-defects.js";
import type { A2ADefect } from "./stub-defects.js";

const ID = "3f2c1a9e-5b7d-4c1e-9a2b-6d8e0f1a2b3c";
const clean = createA2AHandler({ workspaceId: ID, url: "http://localhost:9", configPath: "/nonexistent" });

const send = (id: unknown = "req-1", params: unknown = undefined) =>
  JSON.stringify({
    jsonrpc: "2.0",
    id,
    method: "message/send",
    params: params ?? { message: { role: "user", messageId: "m", parts: [{ kind: "text", text: "hi" }] } },
  });

async function answer(defect: A2ADefect | undefined, body: string, method = "POST", path = "/") {
  const handler = defect ? withA2ADefect(clean, defect, "STUB OK") : clean;
  const request = new Request(`http://stub${path}`, {
    method,
    ...(method === "POST" ? { body, headers: { "content-type": "application/json" } } : {}),
  });
  const response = await handleFetch(handler, request);
  const text = await response.text();
  expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
  return JSON.parse(text);
}

describe("A2A defects at the HTTP edge", () => {
  it("keys parts `type`, drops the id, answers as the user, or answers a bare string", async () => {
    expect((await answer(undefined, send())).result.parts).toEqual([{ kind: "text", text: "STUB OK" }]);
    expect((await answer("parts-type", send())).result.parts).toEqual([{ type: "text", text: "STUB OK" }]);
    expect(await answer("drop-request-id", send())).toMatchObject({ id: null, result: { role: "agent" } });
    expect((await answer("role-user", send())).result.role).toBe("user");
    expect((await answer("reply-plain-text", send())).result).toBe("STUB OK");
  });

  it("answers the canned reply where the clean stub answers a JSON-RPC error", async () => {
    const canned = { jsonrpc: "2.0", result: { kind: "message", role: "agent" } };
    expect((await answer(undefined, "not json")).error.code).toBe(-32700);
    expect(await answer("canned-non-json", "not json")).toMatchObject(canned);
    const noMethod = JSON.stringify({ jsonrpc: "2.0", id: "x" });
    expect(await answer("no-request-validation", noMethod)).toMatchObject({ ...canned, id: "x" });
    const unknown = JSON.stringify({ jsonrpc: "2.0", id: 7, method: "no/such" });
    expect(await answer("unknown-method-result", unknown)).toMatchObject({ ...canned, id: 7 });
    expect(await answer("no-params-validation", send("p", { message: "hi" }))).toMatchObject({
      ...canned,
      id: "p",
    });
    expect((await answer("canned-non-json", unknown)).error.code).toBe(-32601);
  });

  it("serves a card without protocolVersion, url and skills", async () => {
    const card = await answer(undefined, "", "GET", "/.well-known/agent-card.json");
    expect(card).toMatchObject({ protocolVersion: "0.3.0", url: "http://localhost:9" });
    const broken = await answer("invalid-agent-card", "", "GET", "/.well-known/agent-card.json");
    expect(broken).toMatchObject({ name: ID });
    for (const key of ["protocolVersion", "url", "skills"]) expect(broken).not.toHaveProperty(key);
    expect(await answer("invalid-agent-card", "", "GET", "/health")).toMatchObject({ status: "ok" });
  });
});
