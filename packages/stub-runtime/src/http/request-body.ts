import type { IncomingMessage, ServerResponse } from "node:http";

/** What to do with a request's unread bytes once it is answered. */
export type Leftover = "none" | "drain" | "close";

/**
 * A node:http request body, handed to the handler as a web stream and drained afterwards: the bytes
 * a handler leaves unread would otherwise sit in front of the connection's next request.
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
   * The body as a web stream. Nothing is pulled (and no 100 Continue sent) until the handler reads;
   * cancelling it pauses the socket instead of destroying it, so a 413 can still be sent.
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
        pull: () => {
          if (!this.#continued) this.#sendContinue();
          this.#continued = true;
          req.resume();
        },
        cancel: () => {
          open = false;
          req.pause();
        },
      },
      { highWaterMark: 0 },
    );
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
