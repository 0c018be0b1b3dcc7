/** What reading a capped request body gave: its text, or the news that it is over the cap. */
export type BodyRead = { tooLarge: false; text: string } | { tooLarge: true };

/** Default cap of a request body the mock platform reads (A2A has its own, contract 7.3). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a request body up to `maxBytes`. A `Content-Length` over the cap is refused before anything
 * is read; past the cap a streamed body stops being read (the HTTP adapter then drains or closes the
 * connection). Nothing beyond `maxBytes` is ever buffered.
 */
export async function readBodyCapped(request: Request, maxBytes: number): Promise<BodyRead> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) return { tooLarge: true };
  return readStreamCapped(request.body, maxBytes);
}

/** Reads a stream up to `maxBytes`; one byte past the cap it stops and reports `tooLarge`. */
export async function readStreamCapped(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<BodyRead> {
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
