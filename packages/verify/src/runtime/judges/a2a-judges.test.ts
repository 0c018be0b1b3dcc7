import { describe, expect, it } from "vitest";
import { judgeAgentCard, judgeJsonRpcError, judgeMessageSend } from "./a2a-judges.js";

const message = (overrides: Record<string, unknown> = {}) => ({
  kind: "message",
  role: "agent",
  messageId: "m-1",
  parts: [{ kind: "text", text: "STUB OK" }],
  ...overrides,
});
const answer = (body: unknown, status = 200) => ({
  status,
  text: typeof body === "string" ? body : JSON.stringify(body),
});
const ok = (result: unknown, id: unknown = "req-1") => answer({ jsonrpc: "2.0", id, result });
const statuses = (verdicts: ReturnType<typeof judgeMessageSend>) =>
  Object.fromEntries(Object.entries(verdicts).map(([key, verdict]) => [key, verdict.status]));

describe("judgeMessageSend", () => {
  it("passes an agent Message, and a Task, under the caller's id", () => {
    const all = { messageSend: "pass", roleAgent: "pass", partsKind: "pass", idPreserved: "pass" };
    expect(statuses(judgeMessageSend(ok(message()), "req-1"))).toEqual(all);
    const task = {
      kind: "task",
      id: "t",
      contextId: "c",
      status: { state: "completed", message: message() },
      artifacts: [{ artifactId: "a", parts: [{ kind: "text", text: "x" }] }],
    };
    expect(statuses(judgeMessageSend(ok(task), "req-1"))).toEqual(all);
  });

  it("tells each defect apart: role user, parts keyed type, a dropped id, a bare string", () => {
    expect(statuses(judgeMessageSend(ok(message({ role: "user" })), "req-1"))).toMatchObject({
      messageSend: "pass",
      roleAgent: "fail",
    });
    const typed = judgeMessageSend(ok(message({ parts: [{ type: "text", text: "x" }] })), "req-1");
    expect(typed.partsKind.detail).toMatch(/keyed type "text".*#2345/);
    expect(typed.messageSend.status).toBe("fail");
    expect(statuses(judgeMessageSend(ok(message(), null), "req-1"))).toMatchObject({
      idPreserved: "fail",
      messageSend: "pass",
    });
    expect(judgeMessageSend(ok("STUB OK"), "req-1").messageSend.detail).toMatch(
      /not an A2A v0\.3 Message or Task/,
    );
  });

  it("fails a JSON-RPC error or a non-JSON answer, and skips what it then cannot see", () => {
    const error = judgeMessageSend(
      answer({ jsonrpc: "2.0", id: "req-1", error: { code: -32601, message: "no" } }),
      "req-1",
    );
    expect(statuses(error)).toEqual({
      messageSend: "fail",
      roleAgent: "skip",
      partsKind: "skip",
      idPreserved: "pass",
    });
    expect(statuses(judgeMessageSend(answer("busy", 503), "req-1"))).toEqual({
      messageSend: "fail",
      roleAgent: "skip",
      partsKind: "skip",
      idPreserved: "skip",
    });
  });
});

describe("judgeAgentCard", () => {
  const card = {
    protocolVersion: "0.3.0",
    name: "n",
    description: "d",
    url: "http://localhost:1",
    version: "1",
    capabilities: {},
    defaultInputModes: ["text/plain"],
    defaultOutputModes: ["text/plain"],
    skills: [],
  };

  it("passes a v0.3 card and fails anything else with the fix", () => {
    expect(judgeAgentCard(answer(card)).status).toBe("pass");
    const { protocolVersion: _p, ...old } = card;
    expect(judgeAgentCard(answer(old)).detail).toMatch(/protocolVersion: is required/);
    expect(judgeAgentCard(answer({ status: "ok" })).status).toBe("fail");
    expect(judgeAgentCard(answer(card, 404)).detail).toMatch(/answered 404/);
    expect(judgeAgentCard(undefined, "ECONNREFUSED").detail).toMatch(/ECONNREFUSED/);
  });
});

describe("judgeJsonRpcError", () => {
  it("wants the code, and the id when one is given", () => {
    const error = answer({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "parse error" } });
    expect(judgeJsonRpcError("p", error, -32700, null, "fix").status).toBe("pass");
    expect(judgeJsonRpcError("p", error, -32600, undefined, "fix").detail).toMatch(
      /error -32700, not -32600: fix/,
    );
    expect(judgeJsonRpcError("p", error, -32700, "x", "fix").detail).toMatch(/id null, not "x"/);
    expect(judgeJsonRpcError("p", ok(message()), -32700, null, "fix").detail).toMatch(
      /was answered 200 .*: fix/,
    );
  });
});
