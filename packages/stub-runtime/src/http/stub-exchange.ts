// The request and reply the stub's handler works on, whichever server delivers them. The node:http
// adapter builds them straight from node's request, so a stub serving HTTP never loads the fetch
// classes (`Request`, `Response`, `Headers`: undici, about 10 MiB of resident memory, measured in the
// stub-runtime README). In-process callers keep the fetch-style face through `handleFetch`.

/** A request as the stub's handler reads it. */
export interface StubRequest {
  readonly method: string;
  /** The request target's path, without its query. */
  readonly path: string;
  /** A header's value, several of the same name joined with ", "; null when absent. */
  header(name: string): string | null;
  /** The body as UTF-8 text, refused unread when it is larger than `limit` bytes. */
  readBody(limit: number): Promise<BodyRead>;
}

export type BodyRead = { kind: "text"; text: string } | { kind: "too-large" } | { kind: "not-utf8" };

/** A whole reply: status, headers (lower-case names) and the body's bytes. */
export interface StubReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** What the node:http adapter serves. */
export interface StubHttpHandler {
  answer(request: StubRequest): Promise<StubReply>;
}

/** A JSON reply with `Content-Type: application/json` and an explicit `Content-Length`. */
export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): StubReply {
  const bytes = Buffer.from(JSON.stringify(body));
  return {
    status,
    headers: { "content-type": "application/json", "content-length": String(bytes.byteLength), ...headers },
    body: bytes,
  };
}

/** Decodes a body as strict UTF-8. */
export function utf8Body(bytes: Uint8Array): BodyRead {
  try {
    return { kind: "text", text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { kind: "not-utf8" };
  }
}

/** Answers a fetch `Request` with `handler`: the handler's fetch-style face, for in-process callers. */
export async function handleFetch(handler: StubHttpHandler, request: Request): Promise<Response> {
  const reply = await handler.answer({
    method: request.method,
    path: new URL(request.url).pathname,
    header: (name) => request.headers.get(name),
    readBody: (limit) => readBodyWithin(request, limit),
  });
  return new Response(new Uint8Array(reply.body), { status: reply.status, headers: reply.headers });
}

/**
 * Reads a request body as UTF-8, refusing it without reading it whole when it is over `limit` bytes:
 * a larger Content-Length is refused up front, a chunked body as soon as the count passes the limit.
 */
export async function readBodyWithin(request: Request, limit: number): Promise<BodyRead> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > limit) return { kind: "too-large" };
  if (request.body === null) return { kind: "text", text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return { kind: "too-large" };
    }
    chunks.push(value);
  }
  return utf8Body(Buffer.concat(chunks));
}
