/** A JSON reply with `Content-Type: application/json` and an explicit `Content-Length`. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const bytes = Buffer.from(JSON.stringify(body));
  return new Response(bytes, {
    status,
    headers: { "content-type": "application/json", "content-length": String(bytes.byteLength), ...headers },
  });
}

export type BodyRead = { kind: "text"; text: string } | { kind: "too-large" } | { kind: "not-utf8" };

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
  try {
    return { kind: "text", text: new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { kind: "not-utf8" };
  }
}
