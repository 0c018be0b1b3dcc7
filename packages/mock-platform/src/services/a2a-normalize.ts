import { randomUUID } from "node:crypto";
import { a2aBodyTooLargeMessage, PlatformMessages } from "@molecule-ctk/contract";
import { errorReply, type HttpReply } from "../http/http-reply.js";

export type A2AEnvelope = Record<string, unknown>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The 413 of an over-cap A2A body, with `readBodyWithLimit`'s message (a2a_proxy.go; contract 7.3). */
export function tooLargeReply(maxBytes: number): HttpReply {
  return errorReply(413, a2aBodyTooLargeMessage(maxBytes), { truncated: true, max_bytes: maxBytes });
}

/**
 * `normalizeA2APayload` (a2a_proxy.go; contract 7.3). A body without a top-level `jsonrpc` key is
 * re-wrapped as `{jsonrpc, id: <new uuid>, method, params}` (absent ones become null, as Go marshals
 * them; a caller id survives only in a full envelope). Defaults go by key presence, as Go's map
 * lookups do: a message without a `messageId` key gets one, without a `role` key gets `user`; without
 * a `parts` key a v0.2 `content` becomes the parts (a string as one text part, a list verbatim); a
 * part without a `kind` key has its `type` renamed to `kind`.
 */
export function normalizeA2APayload(
  text: string,
): { ok: true; envelope: A2AEnvelope } | { ok: false; reply: HttpReply } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, reply: errorReply(400, PlatformMessages.invalidJson) };
  }
  // Go unmarshals `null` into a nil map without an error; any other non-object fails.
  if (body !== null && !isObject(body))
    return { ok: false, reply: errorReply(400, PlatformMessages.invalidJson) };
  const payload = body ?? {};
  const envelope: A2AEnvelope = Object.hasOwn(payload, "jsonrpc")
    ? { ...payload }
    : { jsonrpc: "2.0", id: randomUUID(), method: payload.method ?? null, params: payload.params ?? null };
  const params = envelope.params;
  if (!isObject(params) || !isObject(params.message)) return { ok: true, envelope };
  const message: Record<string, unknown> = { ...params.message };
  if (!Object.hasOwn(message, "messageId")) message.messageId = randomUUID();
  if (!Object.hasOwn(message, "role")) message.role = "user";
  if (!Object.hasOwn(message, "parts")) {
    if (!Object.hasOwn(message, "content")) {
      return {
        ok: false,
        reply: errorReply(400, PlatformMessages.messageWithoutParts, {
          hint: PlatformMessages.messageWithoutPartsHint,
        }),
      };
    }
    const content = message.content;
    if (typeof content === "string") message.parts = [{ kind: "text", text: content }];
    else if (Array.isArray(content)) message.parts = content;
    else {
      return {
        ok: false,
        reply: errorReply(400, PlatformMessages.invalidContentType, {
          hint: PlatformMessages.invalidContentTypeHint,
        }),
      };
    }
    delete message.content;
  }
  if (Array.isArray(message.parts)) {
    message.parts = message.parts.map((part) => {
      if (!isObject(part) || Object.hasOwn(part, "kind") || !Object.hasOwn(part, "type")) return part;
      const { type, ...rest } = part;
      return { ...rest, kind: type };
    });
  }
  envelope.params = { ...params, message };
  return { ok: true, envelope };
}
