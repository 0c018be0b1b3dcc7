import { AgentCard, parseContract, V1AgentCard } from "@molecule-ctk/contract";
import { describe, expect, it } from "vitest";
import { get, messageSend, post, rpc, sendMessageParams, testHandler } from "./a2a-handler-test-utils.js";

const ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";

describe("one dialect per request", () => {
  it("answers an unknown method in v0.3 shape without a header, in v1.0 shape with A2A-Version 1.0", async () => {
    const handler = testHandler();
    expect(await rpc(handler, "nope/x", {}, { id: 3 })).toEqual({
      jsonrpc: "2.0",
      id: 3,
      error: { code: -32601, message: "method not found: nope/x" },
    });
    expect(await rpc(handler, "nope/x", {}, { id: 3, version: "1.0" })).toMatchObject({
      id: 3,
      error: { code: -32601, data: [{ "@type": ERROR_INFO, reason: "METHOD_NOT_FOUND" }] },
    });
  });

  it("serves each grammar's methods whatever the header says, as the official SDK does", async () => {
    const handler = testHandler();
    const v03 = await rpc(handler, "message/send", messageSend(1)["params"], { version: "1.0" });
    expect(v03).toMatchObject({ result: { kind: "message", role: "agent" } });
    const v1 = await rpc(handler, "SendMessage", sendMessageParams(), { version: "0.3" });
    expect(v1).toMatchObject({ result: { message: { role: "ROLE_AGENT" } } });
  });

  it.each(["2.0", "0.2", "one"])(
    "refuses every request with -32009 given A2A-Version %s, keeping its id",
    async (version) => {
      const answer = await rpc(testHandler(), "message/send", messageSend(1)["params"], { id: "v", version });
      expect(answer).toMatchObject({
        id: "v",
        error: {
          code: -32009,
          data: [{ reason: "VERSION_NOT_SUPPORTED", metadata: { requestedVersion: version } }],
        },
      });
    },
  );

  it("answers a body that does not parse in the version asked for", async () => {
    const response = await post(testHandler(), "{nope", "/", { "a2a-version": "1.0" });
    expect(await response.json()).toMatchObject({
      id: null,
      error: { code: -32700, data: [{ reason: "PARSE_ERROR" }] },
    });
  });

  it("speaks only v0.3 when narrowed to it: SendMessage is unknown and A2A-Version 1.0 is refused", async () => {
    const handler = testHandler({ versions: ["0.3"] });
    expect(await rpc(handler, "SendMessage", sendMessageParams())).toEqual({
      jsonrpc: "2.0",
      id: 1,
      error: { code: -32601, message: "method not found: SendMessage" },
    });
    expect(await rpc(handler, "message/send", messageSend(1)["params"], { version: "1.0" })).toMatchObject({
      error: { code: -32009 },
    });
  });

  it("speaks only v1.0 when narrowed to it: a header-less request is v0.3 and refused", async () => {
    const handler = testHandler({ versions: ["1.0"] });
    expect(await rpc(handler, "SendMessage", sendMessageParams())).toMatchObject({ error: { code: -32009 } });
    expect(await rpc(handler, "message/send", {}, { version: "1.0" })).toMatchObject({
      error: {
        code: -32601,
        message: "method not found: message/send",
        data: [{ reason: "METHOD_NOT_FOUND" }],
      },
    });
  });
});

describe("agent cards", () => {
  it("serves the v0.3 card with v1.0's supportedInterfaces to a client without A2A-Version", async () => {
    const response = await get(testHandler(), "/.well-known/agent-card.json");
    expect(response.headers.get("vary")).toBe("A2A-Version");
    const card = parseContract(AgentCard, await response.json(), "card");
    expect(card).toMatchObject({ protocolVersion: "0.3.0", url: "http://localhost:40123" });
    expect(card["supportedInterfaces"]).toEqual([
      { url: "http://localhost:40123", protocolBinding: "JSONRPC", protocolVersion: "1.0" },
      { url: "http://localhost:40123", protocolBinding: "JSONRPC", protocolVersion: "0.3" },
    ]);
  });

  it("serves the v1.0 card to A2A-Version 1.0, declaring both versions", async () => {
    const response = await get(testHandler(), "/.well-known/agent-card.json", { "a2a-version": "1.0" });
    const card = parseContract(V1AgentCard, await response.json(), "card");
    expect(card.supportedInterfaces.map((i) => i.protocolVersion)).toEqual(["1.0", "0.3"]);
    expect(card).not.toHaveProperty("url");
    expect(card).not.toHaveProperty("protocolVersion");
    expect(card.capabilities).toEqual({
      streaming: false,
      pushNotifications: false,
      extendedAgentCard: false,
    });
  });

  it("serves the plain v0.3 card even to a v1.0 client when narrowed to 0.3", async () => {
    const handler = testHandler({ versions: ["0.3"] });
    const card = (await (
      await get(handler, "/.well-known/agent-card.json", { "a2a-version": "1.0" })
    ).json()) as Record<string, unknown>;
    expect(card["protocolVersion"]).toBe("0.3.0");
    expect(card).not.toHaveProperty("supportedInterfaces");
  });

  it("serves the v1.0 card to everyone when narrowed to 1.0", async () => {
    const card = await (await get(testHandler({ versions: ["1.0"] }), "/.well-known/agent.json")).json();
    expect(parseContract(V1AgentCard, card, "card").supportedInterfaces).toEqual([
      { url: "http://localhost:40123", protocolBinding: "JSONRPC", protocolVersion: "1.0" },
    ]);
  });
});
