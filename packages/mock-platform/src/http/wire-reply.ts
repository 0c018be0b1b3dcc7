import { HttpResponse } from "msw";
import type { HttpReply } from "./http-reply.js";
import { securityHeaders } from "./security-headers.js";

/** A reply as it goes on the wire: status, every header (lower-case names) and the body text. */
export interface WireReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * A service reply to a request for `path`, as both adapters send it: JSON (or the verbatim `raw`
 * text), its length, and the security headers the reply does not set itself.
 */
export function toWireReply(result: HttpReply, path: string): WireReply {
  const body = result.raw ?? JSON.stringify(result.body) ?? "";
  const type = result.raw === undefined ? "application/json" : "text/plain;charset=UTF-8";
  return {
    status: result.status,
    headers: {
      ...securityHeaders(path),
      "content-type": type,
      "content-length": String(Buffer.byteLength(body)),
      ...result.headers,
    },
    body,
  };
}

/** A wire reply as a fetch Response, for msw. */
export function wireResponse(wire: WireReply): Response {
  return new HttpResponse(wire.body, { status: wire.status, headers: wire.headers });
}
