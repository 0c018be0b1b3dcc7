import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { testHandler } from "../a2a/a2a-handler-test-utils.js";
import { TASK_STORE_LIMITS } from "../a2a/task-store.js";
import { startHttpServer } from "./http-adapter.js";
import { arbitraryRequest, emptyTally, runRequests } from "./http-fuzz-test-utils.js";

// A bounded HTTP fuzz of the stub over real sockets: targets, methods, headers, framings, bodies
// of every size and depth. scripts/fuzz-stub.ts runs the same generators 100,000 times.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const MiB = 1024 * 1024;

describe.each(["task", "message"] as const)("HTTP fuzz, STUB_RESULT=%s", { timeout: 180_000 }, (result) => {
  const handler = testHandler({ result, taskMs: 200 });
  const started = startHttpServer(handler, "127.0.0.1", 0);
  afterAll(async () => {
    handler.close();
    await (await started).close(0);
  });

  it("answers every request, with valid JSON-RPC or the error envelope and no exception text, within bounded memory", async () => {
    const { port } = await started;
    gc();
    const before = process.memoryUsage().rss;
    const tally = emptyTally();
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryRequest, { minLength: 1, maxLength: 4 }), async (requests) => {
        const problems = tally.examples.length;
        await runRequests(port, requests, tally);
        expect(tally.examples.slice(problems)).toEqual([]);
      }),
      { numRuns: 80 },
    );
    expect(tally.requests).toBeGreaterThanOrEqual(80);
    expect(Object.values(tally.problems).reduce((a, b) => a + b, 0)).toBe(0);
    expect(tally.statuses[500]).toBeUndefined();
    expect(handler.taskUsage.bytes).toBeLessThanOrEqual(TASK_STORE_LIMITS.maxBytes);
    gc();
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * MiB);
  });
});
