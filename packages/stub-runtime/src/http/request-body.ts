import type { IncomingMessage, ServerResponse } from "node:http";
import { type BodyRead, utf8Body } from "./stub-exchange.js";

/** What to do with a request's unread bytes once it is answered. */
export type Leftover = "none" | "drain" | "close";

/**
 * A node:http request body, read for the handler (as text, or as a web stream for a fetch-style
 * handler) and drained afterwards: the bytes a handler leaves unread would otherwise sit in front of
 * the connection's next request.
 */
export class RequestBody {
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse;
  #received = 0;
  #forwarding = true;
  #continued: boolean;

  constructor(req: IncomingMessage, res: ServerResponse) {
    this.#req = req;
    this.#res = res;
    this.#continued = !/100-continue/i.test(req.headers.expect ?? "");
  }

  /**
   * The body as a web stream, for a fetch-style handler. Nothing is pulled (and no 100 Continue
   * sent) until the handler reads; cancelling it pauses the socket instead of destroying it, so a
   * 413 can still be sent.
   */
  stream(): ReadableStream<Uint8Array> {
    const req = this.#req;
    let open = true;
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          req.on("data", (chunk: Buffer) => {
            if (!open || !this.#forwarding) return;
            this.#received += chunk.byteLength;
            controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
            if ((controller.desiredSize ?? 0) <= 0) req.pause();
          });
          req.once("end", () => {
            if (open) controller.close();
            open = false;
          });
          req.once("close", () => {
            if (open) controller.error(new Error("request closed before its body ended"));
            open = false;
          });
        },
        pull: () => this.#pull(),
        cancel: () => {
          open = false;
          req.pause();
        },
      },
      { highWaterMark: 0 },
    );
  }

  /**
   * The body as UTF-8 text, read straight from node's request. One larger than `limit` bytes is
   * refused unread when its Content-Length says so (and no 100 Continue is sent for it), else as
   * soon as the count passes `limit`; the socket is then paused, not destroyed, so the refusal can
   * still be sent. Rejects when the request closes before its body ends.
   */
  readWithin(limit: number): Promise<BodyRead> {
    const req = this.#req;
    if (Number(req.headers["content-length"] ?? Number.NaN) > limit) {
      return Promise.resolve({ kind: "too-large" });
    }
    return new Promise<BodyRead>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let total = 0;
      const settle = (outcome: () => void) => {
        req.off("data", onData);
        req.off("end", onEnd);
        req.off("close", onClose);
        outcome();
      };
      const onData = (chunk: Buffer) => {
        if (!this.#forwarding) return;
        this.#received += chunk.byteLength;
        total += chunk.byteLength;
        if (total <= limit) return void chunks.push(chunk);
        req.pause();
        settle(() => resolve({ kind: "too-large" }));
      };
      const onEnd = () => settle(() => resolve(utf8Body(Buffer.concat(chunks, total))));
      const onClose = () => settle(() => reject(new Error("request closed before its body ended")));
      req.on("data", onData);
      req.once("end", onEnd);
      req.once("close", onClose);
      this.#pull();
    });
  }

  /** Lets the body flow: sends 100 Continue first when the client waits for it. */
  #pull(): void {
    if (!this.#continued) this.#sendContinue();
    this.#continued = true;
    this.#req.resume();
  }

  /**
   * Sends 100 Continue, once the response owns the socket: while an earlier response on the
   * connection is still finishing, node queues this one and would put its head in front of an
   * interim 100 written meanwhile. A response already ended needs no 100 at all.
   */
  #sendContinue(): void {
    const res = this.#res;
    if (res.headersSent) return;
    if (res.socket) res.writeContinue();
    else res.once("socket", () => res.headersSent || res.writeContinue());
  }

  /**
   * `none` when the body was read whole (or there is none), `drain` when what is left is known and at
   * most `drainBytes`, else `close`: a chunked body of unknown length, too much left, or a client
   * still waiting for 100 Continue before it sends.
   */
  leftover(drainBytes: number): Leftover {
    const { headers } = this.#req;
    if (this.#req.complete || (headers["content-length"] === undefined && !headers["transfer-encoding"])) {
      return "none";
    }
    if (!this.#continued) return "close";
    const declared = Number(headers["content-length"]);
    if (Number.isSafeInteger(declared) && declared - this.#received <= drainBytes) return "drain";
    return "close";
  }

  /** Reads and drops the rest of the body, destroying the connection if more than `budget` bytes come. */
  discard(budget: number): void {
    this.#forwarding = false;
    let dropped = 0;
    this.#req.on("data", (chunk: Buffer) => {
      dropped += chunk.byteLength;
      if (dropped > budget) this.#req.socket.destroy();
    });
    this.#req.resume();
  }
}
