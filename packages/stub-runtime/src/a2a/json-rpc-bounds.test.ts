import { JsonRpcResponse, parseContract } from "@molecule-ctk/contract";
import { describe, expect, it } from "vitest";
import { messageSend, post, rpc, sendMessageParams, testHandler } from "./a2a-handler-test-utils.js";
import { jsonTextNestsDeeperThan, valueNestsDeeperThan } from "./json-depth.js";
import { JSON_RPC_LIMITS } from "./json-rpc-dispatcher.js";

/** `{"a": {"a": ... 1}}`, `levels` objects deep. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

async function answer(response: Response) {
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown> & { error?: { code: number; message: string } };
}

describe("batch bounds", () => {
  it("refuses a batch of more than 100 requests with one -32600 and runs none of them", async () => {
    const handler = testHandler({ result: "task", taskMs: 60_000 });
    const batch = Array.from({ length: JSON_RPC_LIMITS.maxBatchItems + 1 }, (_, i) => messageSend(i));
    const refused = await answer(await post(handler, batch));
    expect(refused).toMatchObject({ id: null, error: { code: -32600 } });
    expect(refused.error?.message).toBe(
      "invalid request: a batch of 101 requests: send at most 100 per batch",
    );
    expect(handler.taskUsage.tasks).toBe(0);
    const full = (await (await post(handler, batch.slice(0, 100))).json()) as unknown[];
    expect(full).toHaveLength(100);
    expect(handler.taskUsage.tasks).toBe(100);
    handler.close();
  });

  it("answers 349,000 empty objects at once instead of building a 46 MB answer", async () => {
    const refused = await answer(await post(testHandler(), `[${Array(349_000).fill("{}").join(",")}]`));
    expect(refused.error?.code).toBe(-32600);
    expect(JSON.stringify(refused).length).toBeLessThan(200);
  });

  it("stops running a batch once its answers pass the byte bound, answering the rest -32600 with their ids", async () => {
    const handler = testHandler({
      result: "task",
      taskMs: 60_000,
      jsonRpcLimits: { maxBatchAnswerBytes: 3_000 },
    });
    const batch = Array.from({ length: 10 }, (_, i) => messageSend(`r${i}`));
    const answers = (await (await post(handler, batch)).json()) as Array<{
      id: string;
      error?: { code: number; message: string };
    }>;
    for (const item of answers) parseContract(JsonRpcResponse, item, "batch answer");
    expect(answers.map((a) => a.id)).toEqual(batch.map((b) => b["id"]));
    const run = answers.filter((a) => a.error === undefined).length;
    expect(run).toBeGreaterThan(0);
    expect(run).toBeLessThan(10);
    expect(handler.taskUsage.tasks).toBe(run);
    for (const skipped of answers.slice(run)) {
      expect(skipped.error).toEqual({
        code: -32600,
        message:
          "invalid request: not run: the batch's answers passed 3000 bytes, send the rest in another batch",
      });
    }
    handler.close();
  });
});

describe("nesting bounds", () => {
  it.each([
    ["task", 60_000],
    ["message", 0],
  ] as const)(
    "refuses message metadata nesting 2,000 levels with -32600, never -32603 (STUB_RESULT=%s)",
    async (result, taskMs) => {
      const handler = testHandler({ result, taskMs });
      const refused = await answer(await post(handler, messageSend(1, { metadata: nested(2_000) })));
      expect(refused).toMatchObject({ id: null, error: { code: -32600 } });
      expect(refused.error?.message).toBe(
        "invalid request: the body nests deeper than 256 levels: flatten it",
      );
      handler.close();
    },
  );

  it("refuses params nesting past 64 levels with -32602, keeping the id, in both dialects", async () => {
    const handler = testHandler({ result: "task", taskMs: 60_000 });
    const v03 = await answer(await post(handler, messageSend(7, { metadata: nested(100) })));
    expect(v03).toMatchObject({ id: 7, error: { code: -32602 } });
    expect(v03.error?.message).toBe(
      "invalid params: message/send params nest deeper than 64 levels: flatten them",
    );
    const v1 = await rpc(handler, "SendMessage", sendMessageParams({ metadata: nested(100) }), { id: 8 });
    expect(v1).toMatchObject({ id: 8, error: { code: -32602, data: [{ reason: "INVALID_PARAMS" }] } });
    handler.close();
  });

  it("takes params as deep as the bound allows, in task mode too", async () => {
    const handler = testHandler({ result: "task", taskMs: 60_000 });
    // params(1) > message(2) > metadata(3) > 61 more levels = 64.
    const taken = await answer(await post(handler, messageSend(1, { metadata: nested(61) })));
    expect(taken).toMatchObject({ id: 1, result: { kind: "task" } });
    handler.close();
  });

  it("measures depth in text and in values alike, skipping brackets inside strings", () => {
    expect(jsonTextNestsDeeperThan(JSON.stringify(nested(10)), 10)).toBe(false);
    expect(jsonTextNestsDeeperThan(JSON.stringify(nested(11)), 10)).toBe(true);
    expect(jsonTextNestsDeeperThan(JSON.stringify({ s: '[[[[[["[[[[' }), 1)).toBe(false);
    expect(valueNestsDeeperThan(nested(10), 10)).toBe(false);
    expect(valueNestsDeeperThan(nested(11), 10)).toBe(true);
    expect(valueNestsDeeperThan([[[]]], 2)).toBe(true);
    expect(valueNestsDeeperThan("scalar", 0)).toBe(false);
  });
});
