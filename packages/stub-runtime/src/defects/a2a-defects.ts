import { randomUUID } from "node:crypto";
import { A2AErrorCodes, buildAgentMessage } from "@molecule-ctk/contract";
import { CARD_PATHS, routedPath } from "../a2a/a2a-handler.js";
import type { StubHttpHandler, StubReply } from "../http/stub-exchange.js";
import type { A2ADefect } from "./stub-defects.js";

// The JSON-RPC error an answer of the clean stub carries, turned into the canned reply by a defect.
const CANNED_INSTEAD_OF: Partial<Record<A2ADefect, number>> = {
  "canned-non-json": A2AErrorCodes.ParseError.code,
  "no-request-validation": A2AErrorCodes.InvalidRequest.code,
  "unknown-method-result": A2AErrorCodes.MethodNotFound.code,
  "no-params-validation": A2AErrorCodes.InvalidParams.code,
};

/**
 * Wraps the stub's handler so that its answers carry an A2A defect: one transform of the JSON the
 * clean stub answered, at the HTTP edge, so the A2A server itself stays clean.
 */
export function withA2ADefect(handler: StubHttpHandler, defect: A2ADefect, reply: string): StubHttpHandler {
  return {
    async answer(request) {
      const answered = await handler.answer(request);
      const isCard = request.method === "GET" && CARD_PATHS.has(routedPath(request.path));
      if (!(request.method === "POST" || isCard) || answered.body.byteLength === 0) return answered;
      let body: unknown;
      try {
        body = JSON.parse(answered.body.toString("utf8"));
      } catch {
        return answered;
      }
      const changed = isCard
        ? breakCard(defect, body)
        : Array.isArray(body)
          ? body.map((answer) => breakAnswer(defect, answer, reply))
          : breakAnswer(defect, body, reply);
      return json(answered, changed);
    },
  };
}

function breakCard(defect: A2ADefect, card: unknown): unknown {
  if (defect !== "invalid-agent-card" || typeof card !== "object" || card === null) return card;
  const { protocolVersion: _v, url: _u, skills: _s, ...rest } = card as Record<string, unknown>;
  return rest;
}

function breakAnswer(defect: A2ADefect, answer: unknown, reply: string): unknown {
  if (typeof answer !== "object" || answer === null) return answer;
  const rpc = answer as { id?: unknown; result?: unknown; error?: { code?: unknown } };
  const cannedFor = CANNED_INSTEAD_OF[defect];
  if (cannedFor !== undefined) {
    if (rpc.error?.code !== cannedFor) return answer;
    return { jsonrpc: "2.0", id: rpc.id ?? randomUUID(), result: buildAgentMessage({ text: reply }) };
  }
  if (rpc.result === undefined) return answer;
  switch (defect) {
    case "drop-request-id":
      return { ...rpc, id: null };
    case "reply-plain-text":
      return { ...rpc, result: reply };
    case "parts-type":
      return { ...rpc, result: mapMessages(rpc.result, partsKeyedType) };
    case "role-user":
      return {
        ...rpc,
        result: mapMessages(rpc.result, (m) => (m.role === "agent" ? { ...m, role: "user" } : m)),
      };
    default:
      return answer;
  }
}

type Json = Record<string, unknown>;

function partsKeyedType(message: Json): Json {
  if (!Array.isArray(message.parts)) return message;
  return {
    ...message,
    parts: message.parts.map((part: Json) => {
      const { kind, ...rest } = part;
      return { type: kind, ...rest };
    }),
  };
}

// Applies `change` to the result when it is a Message, and to every message and artifact of a Task.
function mapMessages(result: unknown, change: (message: Json) => Json): unknown {
  if (typeof result !== "object" || result === null) return result;
  const r = result as Json;
  if (r.kind !== "task") return change(r);
  const status = r.status as Json | undefined;
  return {
    ...r,
    ...(status?.message ? { status: { ...status, message: change(status.message as Json) } } : {}),
    ...(Array.isArray(r.history) ? { history: r.history.map((m: Json) => change(m)) } : {}),
    ...(Array.isArray(r.artifacts) ? { artifacts: r.artifacts.map((a: Json) => change(a)) } : {}),
  };
}

function json(original: StubReply, body: unknown): StubReply {
  const bytes = Buffer.from(JSON.stringify(body));
  return {
    status: original.status,
    headers: { ...original.headers, "content-length": String(bytes.byteLength) },
    body: bytes,
  };
}
