import { JsonRpcErrorResponse, parseContract } from "@molecule-ctk/contract";
import { afterEach, describe, expect, it } from "vitest";
import { RawConnection } from "../../../../scripts/raw-http-test-utils.js";
import { messageSend, testHandler } from "../a2a/a2a-handler-test-utils.js";
import { TEST_WORKSPACE_ID } from "../stub-runtime-test-utils.js";
import { type StartedHttpServer, startHttpServer } from "./http-adapter.js";

const MiB = 1024 * 1024;
let server: StartedHttpServer | undefined;
const connections: RawConnection[] = [];

afterEach(async () => {
  for (const connection of connections.splice(0)) connection.close();
  await server?.close(0);
  server = undefined;
});

async function open() {
  server ??= await startHttpServer(testHandler({ result: "task", taskMs: 60_000 }), "127.0.0.1", 0);
  const connection = await RawConnection.open(server.port);
  connections.push(connection);
  return connection;
}

const EXCEPTION_TEXT = /TypeError|RangeError|SyntaxError|Invalid URL|stack|node:internal/;

function expectJsonError(answer: Awaited<ReturnType<RawConnection["exchange"]>>, status: number) {
  expect(answer?.status).toBe(status);
  expect(answer?.headers["content-type"]).toBe("application/json");
  const body = JSON.parse(answer?.body ?? "null") as { error: unknown };
  expect(typeof body.error).toBe("string");
  expect(answer?.body).not.toMatch(EXCEPTION_TEXT);
  return body.error as string;
}

describe("every request gets an answer", () => {
  it.each(["//", "///", "/\\", "//:0/", "//evil.test/x"])(
    "serves the request target %s as a path: JSON-RPC on POST, health JSON on GET",
    async (target) => {
      const connection = await open();
      const post = await connection.exchange({
        method: "POST",
        target,
        body: JSON.stringify(messageSend(1)),
      });
      expect(post?.status).toBe(200);
      expect(JSON.parse(post?.body ?? "")).toMatchObject({ id: 1, result: { kind: "task" } });
      const get = await connection.exchange({ method: "GET", target });
      expect(JSON.parse(get?.body ?? "")).toEqual({
        status: "ok",
        stub: true,
        workspace_id: TEST_WORKSPACE_ID,
      });
    },
  );

  it("answers 400 for the target *, which is no path", async () => {
    const error = expectJsonError(await (await open()).exchange({ method: "OPTIONS", target: "*" }), 400);
    expect(error).toBe('request target "*" is not a path: send one such as /');
  });

  it.each(["stub.test:80", "x"])(
    "answers 400 for the target %s, which node:http does not parse",
    async (target) => {
      const error = expectJsonError(await (await open()).exchange({ method: "GET", target }), 400);
      expect(error).toMatch(/^\[stub-runtime\] malformed HTTP\/1\.1 request/);
    },
  );

  it("takes an absolute-form target by its path", async () => {
    const answer = await (await open()).exchange({ method: "GET", target: "http://stub.test/health?x=1" });
    expect(JSON.parse(answer?.body ?? "")).toMatchObject({ status: "ok" });
  });

  it.each([
    ["TRACE", 405],
    ["CONNECT", 405],
    ["PROPFIND", 501],
    ["MKCOL", 501],
    ["PURGE", 501],
    ["PUT", 405],
    ["OPTIONS", 405],
  ])("answers %s with %i, Allow and a JSON body", async (method, status) => {
    const target = method === "CONNECT" ? "stub.test:443" : "/";
    const answer = await (await open()).exchange({ method, target });
    expect(expectJsonError(answer, status)).toMatch(
      new RegExp(`^method ${method} (not allowed|is not implemented)`),
    );
    expect(answer?.headers["allow"]).toBe("GET, HEAD, POST");
  });

  it.each([
    ["a header without a colon", "GET / HTTP/1.1\r\nHost stub\r\n\r\n"],
    ["a bad request line", "GET\r\n\r\n"],
    ["an unknown method token", "BREW / HTTP/1.1\r\nHost: x\r\n\r\n"],
    ["a broken chunk", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"],
    ["two Content-Lengths", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"],
  ])("answers %s with 400, a JSON body and a closed connection", async (_label, raw) => {
    const connection = await open();
    const error = expectJsonError(await connection.exchange({ method: "GET", target: "/", raw }), 400);
    expect(error).toMatch(/^\[stub-runtime\] (malformed HTTP\/1\.1 request|unknown HTTP method)/);
    await expect.poll(() => connection.closed).toBe(true);
  });

  it("answers 500 with a JSON body and no exception text when a handler fails outright", async () => {
    server = await startHttpServer(
      { handle: () => Promise.reject(new TypeError("secret internals at foo (bar.ts:1:2)")) },
      "127.0.0.1",
      0,
    );
    const answer = await (await open()).exchange({ method: "GET", target: "/" });
    expect(expectJsonError(answer, 500)).toBe("internal error: see the stub's log");
    expect(answer?.body).not.toContain("secret");
  });

  it("answers 431 to oversized headers", async () => {
    const raw = `GET / HTTP/1.1\r\nHost: x\r\nx-big: ${"a".repeat(20_000)}\r\n\r\n`;
    expectJsonError(await (await open()).exchange({ method: "GET", target: "/", raw }), 431);
  });
});

describe("keep-alive never stalls behind an unread body", () => {
  it("drains a 1 MiB PUT it refuses, then answers the next request on the same connection", async () => {
    const connection = await open();
    expectJsonError(
      await connection.exchange({ method: "PUT", target: "/", body: Buffer.alloc(MiB, 97) }),
      405,
    );
    const next = await connection.exchange({ method: "GET", target: "/health" });
    expect(next?.status).toBe(200);
    expect(connection.answers).toBe(2);
    expect(connection.closed).toBe(false);
  });

  it("drains a GET's body too", async () => {
    const connection = await open();
    await connection.exchange({ method: "GET", target: "/", body: Buffer.alloc(64 * 1024, 97) });
    expect((await connection.exchange({ method: "GET", target: "/" }))?.status).toBe(200);
    expect(connection.answers).toBe(2);
  });

  it("closes the connection, saying so, after refusing a chunked body it cannot size", async () => {
    const connection = await open();
    const answer = await connection.exchange({
      method: "PUT",
      target: "/",
      body: "x".repeat(1000),
      chunked: true,
    });
    expect(answer?.status).toBe(405);
    expect(answer?.headers["connection"]).toBe("close");
    await expect.poll(() => connection.closed).toBe(true);
  });

  it("closes the connection after a 413, and keeps it open after every plain answer", async () => {
    const connection = await open();
    for (let i = 0; i < 3; i++) {
      const answer = await connection.exchange({
        method: "POST",
        target: "/",
        body: JSON.stringify(messageSend(i)),
      });
      expect(answer?.headers["connection"]).toBe("keep-alive");
    }
    const tooLarge = await connection.exchange({
      method: "POST",
      target: "/",
      headers: { "content-length": String(2 * MiB) },
      body: "{",
    });
    expect(tooLarge?.status).toBe(413);
    parseContract(JsonRpcErrorResponse, JSON.parse(tooLarge?.body ?? ""), "413");
    expect(tooLarge?.headers["connection"]).toBe("close");
  });
});

describe("closing and interim answers", () => {
  it("keeps the answer to a malformed request however much the client goes on sending", async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const connection = await open();
      const raw = Buffer.concat([
        Buffer.from("BREW / HTTP/1.1\r\nHost: x\r\n\r\n"),
        Buffer.alloc(4 * MiB, 97),
      ]);
      expectJsonError(await connection.exchange({ method: "BREW", target: "/", raw }), 400);
    }
  });

  it("keeps the answer to a refused chunked body while the client is still sending it", async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const connection = await open();
      const answer = await connection.exchange({
        method: "PUT",
        target: "/",
        body: Buffer.alloc(4 * MiB, 97),
        chunked: true,
      });
      expect(answer?.status).toBe(405);
    }
  });

  it("sends 100 Continue before the head of an answer queued behind a pipelined one, or not at all", async () => {
    server = await startHttpServer(testHandler({ replyDelayMs: 300 }), "127.0.0.1", 0);
    const connection = await open();
    const slow = JSON.stringify(messageSend("slow"));
    const quick = JSON.stringify({ jsonrpc: "2.0", id: "quick", method: "tasks/get", params: { id: "t" } });
    // The slow answer holds the connection while the quick one asks for 100 Continue and is answered.
    connection.write(`POST / HTTP/1.1\r\nhost: x\r\ncontent-length: ${slow.length}\r\n\r\n${slow}`);
    connection.write(
      `POST / HTTP/1.1\r\nhost: x\r\nexpect: 100-continue\r\ncontent-length: ${quick.length}\r\n\r\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    connection.write(quick);
    const first = await connection.read(false, 10_000);
    const second = await connection.read(false, 10_000);
    expect(JSON.parse(first?.body ?? "")).toMatchObject({ id: "slow", result: { role: "agent" } });
    expect(JSON.parse(second?.body ?? "")).toMatchObject({ id: "quick", error: { code: -32001 } });
  });
});
