import type { IncomingMessage } from "node:http";
import { redactBody, redactHeaders } from "../control/journal-redaction.js";
import type { CapturedRequest } from "../control/request-capture.js";
import type { BodyRead } from "../http/request-body.js";
import type { RouteRequest } from "../http/route-request.js";

/** How long the journal waits for the rest of a body the route did not read (as the msw adapter does). */
const BODY_GRACE_MS = 50;

/** What HTTP trims off a header value (fetch's `Headers` does the same). */
const EDGE_WHITESPACE = /^[\t ]+|[\t ]+$/g;

/**
 * An `IncomingMessage` as a {@link RouteRequest}, without building a fetch `Request`: headers are
 * read from node's parsed object, and the body is buffered once, up to what the route or the journal
 * asks for, so both read the same bytes. GET and HEAD carry no body, as with fetch.
 */
export class NodeRouteRequest implements RouteRequest {
  readonly method: string;
  readonly path: string;
  readonly #req: IncomingMessage;
  readonly #url: URL;
  readonly #chunks: Buffer[] = [];
  #size = 0;
  #ended: boolean;

  constructor(req: IncomingMessage, url: URL) {
    this.#req = req;
    this.#url = url;
    this.method = req.method ?? "GET";
    this.path = url.pathname;
    this.#ended = !hasBody(this.method);
  }

  get query(): URLSearchParams {
    return this.#url.searchParams;
  }

  header(name: string): string | null {
    const value = this.#req.headers[name];
    if (value === undefined) return null;
    return normalise(Array.isArray(value) ? value.join(", ") : value);
  }

  async readBody(maxBytes: number): Promise<BodyRead> {
    const declared = Number(this.header("content-length") ?? Number.NaN);
    if (declared > maxBytes) return { tooLarge: true };
    await this.#fill(maxBytes + 1);
    if (this.#size > maxBytes) return { tooLarge: true };
    return { tooLarge: false, text: Buffer.concat(this.#chunks).toString("utf8") };
  }

  capture(bodyLimit: number): { done(): Promise<CapturedRequest> } {
    const headers = redactHeaders(this.#headerEntries());
    if (!hasBody(this.method) || bodyLimit <= 0) return { done: async () => ({ headers }) };
    return {
      done: async () => {
        await this.#fill(bodyLimit + 1, BODY_GRACE_MS);
        if (this.#size === 0) return { headers };
        const kept = Buffer.concat(this.#chunks).subarray(0, bodyLimit);
        const body = redactBody(new TextDecoder().decode(kept));
        return { headers, body, ...(this.#size > bodyLimit ? { bodyTruncated: true as const } : {}) };
      },
    };
  }

  // The headers as fetch's Headers iterates them: sorted by name, `set-cookie` values one by one.
  *#headerEntries(): Iterable<[string, string]> {
    const headers = this.#req.headers;
    for (const name of Object.keys(headers).sort()) {
      const value = headers[name];
      if (Array.isArray(value)) for (const item of value) yield [name, normalise(item)];
      else if (value !== undefined) yield [name, normalise(value)];
    }
  }

  // Reads the body until `bytes` are buffered, it ends, the request goes away or `graceMs` passes.
  #fill(bytes: number, graceMs?: number): Promise<void> {
    const req = this.#req;
    if (this.#ended || this.#size >= bytes) return Promise.resolve();
    if (req.readableEnded || req.destroyed) {
      this.#ended = req.readableEnded;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = () => {
        req.off("data", onData).off("end", onEnd).off("error", finish).off("close", finish);
        clearTimeout(timer);
        req.pause();
        resolve();
      };
      const onData = (chunk: Buffer) => {
        this.#chunks.push(chunk);
        this.#size += chunk.byteLength;
        if (this.#size >= bytes) finish();
      };
      const onEnd = () => {
        this.#ended = true;
        finish();
      };
      req.on("data", onData).on("end", onEnd).on("error", finish).on("close", finish);
      if (graceMs !== undefined) timer = setTimeout(finish, graceMs);
      req.resume();
    });
  }
}

/** Whether a request of `method` carries a body a route may read (fetch gives GET and HEAD none). */
export function hasBody(method: string | undefined): boolean {
  return method !== "GET" && method !== "HEAD";
}

function normalise(value: string): string {
  return value.includes(" ") || value.includes("\t") ? value.replace(EDGE_WHITESPACE, "") : value;
}
