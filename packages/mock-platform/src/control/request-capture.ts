import { redactBody, redactHeaders } from "./journal-redaction.js";
import type { JournalEntry } from "./request-journal.js";

/** How long the journal waits for the rest of a body the route did not read (a client still sending). */
const BODY_GRACE_MS = 50;

export type CapturedRequest = Pick<JournalEntry, "headers" | "body" | "bodyTruncated">;

/**
 * Starts reading a copy of the request's body, at most `bodyLimit` bytes, while the route reads the
 * original; `done()` resolves the redacted headers and body. It never holds up an answer: a body
 * still arriving after the route answered is journaled as far as it got.
 */
export function captureRequest(request: Request, bodyLimit: number): { done(): Promise<CapturedRequest> } {
  const headers = redactHeaders(request.headers);
  if (request.body === null || bodyLimit <= 0) return { done: async () => ({ headers }) };
  const reader = request.clone().body!.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  const reading = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      const room = bodyLimit - size;
      chunks.push(value.byteLength > room ? value.subarray(0, room) : value);
      size += Math.min(room, value.byteLength);
      if (value.byteLength > room) {
        truncated = true;
        return;
      }
    }
  })().catch(() => {}); // an aborted request: journal what arrived
  return {
    async done() {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([reading, new Promise((resolve) => (timer = setTimeout(resolve, BODY_GRACE_MS)))]);
      clearTimeout(timer);
      void reader.cancel().catch(() => {});
      if (size === 0) return { headers };
      const text = new TextDecoder().decode(Buffer.concat(chunks));
      return { headers, body: redactBody(text), ...(truncated ? { bodyTruncated: true as const } : {}) };
    },
  };
}
