// A bare HTTP/1.1 client over one TCP connection, for sending what fetch and node:http refuse to
// send (odd targets, any method, malformed bytes) and for watching keep-alive reuse. Test-only.
// Shared by the stub runtime's and the mock platform's HTTP tests and fuzz scripts (neither server reads Host).
import { connect, type Socket } from "node:net";

/** One answer read off the wire. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What a raw request is made of; `head` overrides the request line and headers when set. */
export interface RawRequest {
  method: string;
  target: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Send the body chunked (no Content-Length). */
  chunked?: boolean;
  /** Bytes sent verbatim instead of a request built from the fields above. */
  raw?: Buffer | string;
}

/** Encodes a request; a Content-Length is added for a body unless it is chunked or one is given. */
export function encodeRequest(request: RawRequest): Buffer {
  if (request.raw !== undefined) return Buffer.from(request.raw);
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers: Record<string, string> = { host: "localhost", ...request.headers };
  const names = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  if (request.chunked) headers["transfer-encoding"] = "chunked";
  else if (body !== undefined && !names.has("content-length"))
    headers["content-length"] = String(body.length);
  const head = `${request.method} ${request.target} HTTP/1.1\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("")}\r\n`;
  if (body === undefined) return Buffer.from(head);
  if (!request.chunked) return Buffer.concat([Buffer.from(head), body]);
  const chunk =
    body.length === 0
      ? Buffer.alloc(0)
      : Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from("\r\n")]);
  return Buffer.concat([Buffer.from(head), chunk, Buffer.from("0\r\n\r\n")]);
}

/** One keep-alive connection: send requests one at a time and read each answer. */
export class RawConnection {
  readonly #socket: Socket;
  #buffer = Buffer.alloc(0);
  #closed = false;
  #wake: (() => void) | undefined;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on("data", (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#wake?.();
    });
    socket.on("close", () => {
      this.#closed = true;
      this.#wake?.();
    });
    socket.on("error", () => {});
  }

  static async open(port: number, host = "127.0.0.1"): Promise<RawConnection> {
    const socket = connect(port, host);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
    return new RawConnection(socket);
  }

  /** Whether the server has closed the connection. */
  get closed(): boolean {
    return this.#closed;
  }

  /** How many answers arrived on this connection so far. */
  answers = 0;

  /** Sends a request and reads its answer; undefined when the connection closed or `timeoutMs` passed first. */
  async exchange(request: RawRequest, timeoutMs = 10_000): Promise<RawAnswer | undefined> {
    if (this.#closed) return undefined;
    this.#socket.write(encodeRequest(request));
    return this.read(request.method === "HEAD", timeoutMs);
  }

  /** Writes bytes as they are, for requests sent in pieces. */
  write(bytes: Buffer | string): void {
    this.#socket.write(bytes);
  }

  /** Reads one answer (an interim 1xx is skipped). */
  async read(head: boolean, timeoutMs: number): Promise<RawAnswer | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const answer = this.#take(head);
      if (answer !== undefined && answer.status >= 200) {
        this.answers++;
        return answer;
      }
      if (answer !== undefined) continue;
      if (this.#closed || Date.now() >= deadline) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  close(): void {
    this.#socket.destroy();
  }

  #take(head: boolean): RawAnswer | undefined {
    const end = this.#buffer.indexOf("\r\n\r\n");
    if (end < 0) return undefined;
    const lines = this.#buffer.subarray(0, end).toString("latin1").split("\r\n");
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? "")?.[1] ?? Number.NaN);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(":");
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length =
      head || status < 200 || status === 204 || status === 304 ? 0 : Number(headers["content-length"] ?? 0);
    if (this.#buffer.length < end + 4 + length) return undefined;
    const body = this.#buffer.subarray(end + 4, end + 4 + length).toString("utf8");
    this.#buffer = this.#buffer.subarray(end + 4 + length);
    return { status, headers, body };
  }
}

/** A fuzz run's tally: requests sent, problems by kind, answers by status, the first examples. */
export interface RawFuzzTally<P extends string> {
  requests: number;
  problems: Record<P, number>;
  statuses: Record<number, number>;
  examples: string[];
}

/**
 * Sends `requests` one after another over keep-alive connections (a new one whenever the server
 * closed the last, or announced it would), judging every answer into `tally` with `judge`.
 */
export async function runRawRequests<P extends string>(
  port: number,
  requests: RawRequest[],
  tally: RawFuzzTally<P>,
  judge: (request: RawRequest, answer: RawAnswer | undefined) => P | undefined,
  timeoutMs: number,
): Promise<void> {
  let connection: RawConnection | undefined;
  try {
    for (const request of requests) {
      if (connection === undefined || connection.closed) {
        connection?.close();
        connection = await RawConnection.open(port);
      }
      const answer = await connection.exchange(request, timeoutMs);
      tally.requests++;
      if (answer !== undefined) tally.statuses[answer.status] = (tally.statuses[answer.status] ?? 0) + 1;
      const problem = judge(request, answer);
      if (problem !== undefined) {
        tally.problems[problem]++;
        if (tally.examples.length < 10) {
          const sent =
            request.raw ?? `${request.method} ${request.target} ${String(request.body ?? "").slice(0, 120)}`;
          tally.examples.push(
            `${problem}: ${JSON.stringify(String(sent).slice(0, 160))} -> ${answer?.status} ${answer?.body.slice(0, 160)}`,
          );
        }
      }
      if (answer === undefined || answer.headers.connection === "close") {
        connection.close();
        connection = undefined;
      }
    }
  } finally {
    connection?.close();
  }
}
