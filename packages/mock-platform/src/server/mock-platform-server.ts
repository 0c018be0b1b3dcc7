import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { createMockPlatform, type MockPlatform, servesOwnHandlers } from "../create-mock-platform.js";
import type { MockPlatformOptions } from "../options.js";
import { answerRequest, type ServerRouting } from "./answer-request.js";

/** Options of {@link startMockPlatformServer}: the platform's, or a platform to serve, plus where to listen. */
export interface MockPlatformServerOptions extends Omit<MockPlatformOptions, "baseUrl"> {
  /** Serve this platform instead of creating one (its baseUrl is used for routing). */
  platform?: MockPlatform;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** More addresses to serve the same platform on, with the same port (e.g. a Docker network's gateway). */
  extraHosts?: ReadonlyArray<string>;
  /**
   * `direct` (the default): requests go straight to the platform's route table; `msw`: through msw's
   * `getResponse` over the platform's handlers. A platform whose `handlers` are not the ones
   * `createMockPlatform` built (msw handlers added in front) is always served through msw.
   */
  routing?: ServerRouting;
}

/** A listening mock platform. `close()` stops the server and the platform (not the provisioner). */
export interface StartedMockPlatformServer {
  url: string;
  port: number;
  platform: MockPlatform;
  close(): Promise<void>;
}

/**
 * Serves the mock platform over real HTTP: a node:http adapter that runs the same routes as the msw
 * handlers, looked up in the platform's route table (or through msw's `getResponse`, see `routing`).
 */
export async function startMockPlatformServer(
  options: MockPlatformServerOptions = {},
): Promise<StartedMockPlatformServer> {
  const {
    platform: given,
    host = "127.0.0.1",
    port = 0,
    extraHosts = [],
    routing,
    ...platformOptions
  } = options;
  let platform = given;
  let served: ServerRouting = "msw";
  const listen = async (address: string, onPort: number) => {
    const server = createServer((req, res) => void answerRequest(platform!, served, req, res));
    server.on("clientError", refuseMalformed);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(onPort, address, () => resolve());
    });
    return server;
  };
  const server = await listen(host, port);
  const bound = (server.address() as AddressInfo).port;
  const extra: Server[] = [];
  try {
    for (const address of extraHosts) extra.push(await listen(address, bound));
  } catch (error) {
    for (const s of [server, ...extra]) s.close();
    throw error;
  }
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${bound}`;
  const localUrl = host === "0.0.0.0" || host === "::" ? `http://127.0.0.1:${bound}` : url;
  // A platform of its own, answered from the route table, is not under msw: it calls agents over
  // node:http. Through msw (or a platform given), fetch and msw's bypass stay the default.
  platform ??= createMockPlatform({
    ...(routing === "msw" ? {} : { agentTransport: "node-http" as const }),
    ...platformOptions,
    baseUrl: localUrl,
  });
  served = routing === "msw" || !servesOwnHandlers(platform) ? "msw" : "direct";
  return {
    url,
    port: bound,
    platform,
    close: async () => {
      await platform.close(); // ends SSE streams first, so close() does not wait on them
      for (const s of [server, ...extra]) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
    },
  };
}

/** Bytes that are not an HTTP/1.1 request: a JSON 400 (431 for oversized headers), then the connection closes. */
function refuseMalformed(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || error.code === "ECONNRESET") {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const body = JSON.stringify({ error: tooLarge ? "request headers too large" : "malformed HTTP request" });
  const status = tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request";
  socket.write(
    `HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
  // The rest of what the client sends is read and dropped, and the socket ends once it has gone
  // quiet for 100 ms (at most 2 s): ending it while a body still arrives makes the kernel reset
  // the connection, and the client loses the answer.
  let quiet: NodeJS.Timeout | undefined;
  const endWhenQuiet = () => {
    clearTimeout(quiet);
    quiet = setTimeout(() => socket.end(), 100).unref();
  };
  socket.on("data", endWhenQuiet);
  endWhenQuiet();
  setTimeout(() => socket.destroy(), 2_000).unref();
}
