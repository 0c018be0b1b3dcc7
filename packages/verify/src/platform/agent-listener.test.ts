import { afterEach, describe, expect, it } from "vitest";
import { AgentListener, REPLY_TEXT } from "./agent-listener.js";

let listener: AgentListener | undefined;
afterEach(async () => {
  await listener?.close();
  listener = undefined;
});

const post = (port: number, path: string, body: string) =>
  fetch(`http://127.0.0.1:${port}${path}`, { method: "POST", body, signal: AbortSignal.timeout(5000) });

describe("AgentListener", () => {
  it("answers message/send with an agent message echoing the id, pretty-printed, and records the request by path", async () => {
    listener = await AgentListener.start(["127.0.0.1"]);
    const body = JSON.stringify({
      jsonrpc: "2.0",
      id: "r1",
      method: "message/send",
      params: { message: {} },
    });
    const response = await post(listener.port, "/ws/a?x=1", body);
    const text = await response.text();
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(text).toContain("\n");
    expect(JSON.parse(text)).toMatchObject({
      jsonrpc: "2.0",
      id: "r1",
      result: { role: "agent", parts: [{ kind: "text", text: REPLY_TEXT }] },
    });
    expect(listener.requestsTo("/ws/a")).toEqual([
      expect.objectContaining({ text: body, replyText: text, json: JSON.parse(body) }),
    ]);
    expect(listener.requestsTo("/ws/b")).toEqual([]);
  });

  it("answers another method with -32601 and a body that is not JSON with -32700", async () => {
    listener = await AgentListener.start(["127.0.0.1"]);
    const other = await (
      await post(listener.port, "/", '{"jsonrpc":"2.0","id":7,"method":"tasks/get"}')
    ).json();
    expect(other).toMatchObject({ id: 7, error: { code: -32601 } });
    const garbage = await (await post(listener.port, "/", "{nope")).json();
    expect(garbage).toMatchObject({ id: null, error: { code: -32700 } });
  });
});
