import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawConnection } from "../../../../scripts/raw-http-test-utils.js";
import { ADMIN, call, fakeResolver, registerBody } from "../platform-test-utils.js";
import { InMemoryProvisioner } from "../provisioner/in-memory-provisioner.js";
import { MAX_DRAINED_BODY_BYTES } from "./answer-request.js";
import { arbitraryRequest, emptyTally, type FuzzIds, runRequests } from "./http-fuzz-test-utils.js";
import { type StartedMockPlatformServer, startMockPlatformServer } from "./mock-platform-server.js";

// Issue 15 (reliability): a bounded HTTP fuzz of the mock platform over real sockets: its routes with
// known, random and malformed ids, every method, odd targets, auth headers, bodies up to past the caps.
// scripts/fuzz-platform.ts runs the same generators 100,000 times against a host process.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const MiB = 1024 * 1024;

describe("HTTP fuzz of the mock platform", { timeout: 180_000 }, () => {
  let server: StartedMockPlatformServer;
  const ids: FuzzIds = { known: [], tokens: [], admin: ADMIN };
  beforeAll(async () => {
    server = await startMockPlatformServer({
      adminToken: ADMIN,
      deployMode: "development",
      resolver: fakeResolver,
      provisioner: new InMemoryProvisioner(),
    });
    for (let i = 0; i < 3; i++) {
      const created = await call("POST", "/workspaces", {
        base: server.url,
        token: ADMIN,
        body: { name: `fuzz-${i}`, runtime: "claude-code", model: "claude-opus-4-7" },
      });
      const id = created.body.id as string;
      const reg = await call("POST", "/registry/register", {
        base: server.url,
        body: registerBody(id, "http://localhost:1"),
      });
      ids.known.push(id);
      ids.tokens.push(
        ...[reg.body.auth_token, created.body.auth_token].filter((t): t is string => typeof t === "string"),
      );
    }
    if (ids.tokens.length === 0) ids.tokens.push("no-token");
  });
  afterAll(() => server?.close());

  it("answers every request with a known status, the error envelope on failure and no exception text, in bounded memory", async () => {
    gc();
    const before = process.memoryUsage().rss;
    const tally = emptyTally();
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryRequest(ids), { minLength: 1, maxLength: 4 }), async (requests) => {
        const seen = tally.examples.length;
        await runRequests(server.port, requests, tally, 10_000);
        expect(tally.examples.slice(seen)).toEqual([]);
      }),
      { numRuns: 60 },
    );
    expect(tally.requests).toBeGreaterThanOrEqual(60);
    expect(tally.problems["exception text"]).toBe(0);
    expect(tally.problems["wrong code"]).toBe(0);
    expect(tally.problems["not the error envelope"]).toBe(0);
    expect(tally.problems.unanswered).toBe(0);
    gc();
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * MiB);
  });

  // The fuzz's first finding: a POST to a path no route takes was answered 404 with keep-alive while
  // its body sat unread, so the next request on the connection was never answered. A body no route
  // read is drained (declared, up to 4 MiB) or the connection is closed, announced.
  it("answers the next request on the connection after a 404 to a request whose body it did not read", async () => {
    const connection = await RawConnection.open(server.port);
    try {
      const first = await connection.exchange(
        { method: "POST", target: "/no/such/route", body: "x".repeat(512 * 1024) },
        10_000,
      );
      expect(first?.status).toBe(404);
      expect(first?.headers.connection).not.toBe("close");
      const next = await connection.exchange({ method: "GET", target: "/health" }, 10_000);
      expect(next?.status).toBe(200);
    } finally {
      connection.close();
    }
  });

  it("closes the connection, announcing it, after a 404 to an unread body larger than it drains", async () => {
    const connection = await RawConnection.open(server.port);
    try {
      const first = await connection.exchange(
        { method: "POST", target: "/no/such/route", body: "x".repeat(MAX_DRAINED_BODY_BYTES + 1) },
        10_000,
      );
      expect(first?.status).toBe(404);
      expect(first?.headers.connection).toBe("close");
    } finally {
      connection.close();
    }
  });
});
