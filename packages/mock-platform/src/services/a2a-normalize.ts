import { randomUUID } from "node:crypto";
import { PlatformMessages } from "@molecule-ctk/contract";
import { errorReply, type HttpReply } from "../http/http-reply.js";

export type A2AEnvelope = Record<string, unknown>;

const MESSAGE_WITHOUT_PARTS = PlatformMessages.messageWithoutParts;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Reads a request body up to `maxBytes`; past the cap it stops reading and reports `tooLarge`. */
export async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<{ tooLarge: true } | { tooLarge: false; text: string }> {
  if (!body) return { tooLarge: false, text: "" };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Not awaited: cancelling one branch of a tee'd body resolves only once the other is cancelled too.
      reader.cancel().catch(() => {});
      return { tooLarge: true };
    }
    chunks.push(value);
  }
  return { tooLarge: false, text: Buffer.concat(chunks).toString("utf8") };
}

/** The 413 of an over-cap A2A body (contract 7.3). */
export function tooLargeReply(maxBytes: number): HttpReply {
  return errorReply(413, PlatformMessages.requestTooLarge, { truncated: true, max_bytes: maxBytes });
}

/**
 * `normalizeA2APayload` (contract 7.3): a body without a top-level `jsonrpc` key is re-wrapped as
 * `{jsonrpc, id: <new uuid>, method, params}` (a caller id survives only in a full envelope); the
 * message gets a `messageId` and `role: "user"` when missing, a v0.2 `content` string becomes a text
 * part, and a part's `type` is renamed to `kind`.
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
  if (!isObject(body)) return { ok: false, reply: errorReply(400, PlatformMessages.invalidJson) };
  const envelope: A2AEnvelope = Object.hasOwn(body, "jsonrpc")
    ? { ...body }
    : { jsonrpc: "2.0", id: randomUUID(), method: body.method, params: body.params };
  const params = envelope.params;
  if (!isObject(params) || !isObject(params.message)) return { ok: true, envelope };
  const message: Record<string, unknown> = { ...params.message };
  if (typeof message.messageId !== "string" || message.messageId === "") message.messageId = randomUUID();
  if (typeof message.role !== "string" || message.role === "") message.role = "user";
  if (!Array.isArray(message.parts)) {
    if (typeof message.content !== "string") {
      return { ok: false, reply: errorReply(400, MESSAGE_WITHOUT_PARTS) };
    }
    message.parts = [{ kind: "text", text: message.content }];
    delete message.content;
  }
  message.parts = (message.parts as unknown[]).map((part) => {
    if (!isObject(part) || part.kind !== undefined || part.type === undefined) return part;
    const { type, ...rest } = part;
    return { kind: type, ...rest };
  });
  envelope.params = { ...params, message };
  return { ok: true, envelope };
}
