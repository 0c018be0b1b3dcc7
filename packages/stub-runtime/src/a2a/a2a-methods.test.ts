import { JsonRpcErrorResponse, jsonRpcSuccess, parseContract, Task } from "@molecule-ctk/contract";
import { describe, expect, it } from "vitest";
import { messageSend, post, testHandler } from "./a2a-handler-test-utils.js";

const TaskReply = jsonRpcSuccess(Task);

async function call(
  handler: ReturnType<typeof testHandler>,
  method: string,
  params: unknown,
  id: unknown = 1,
) {
  return (await post(handler, { jsonrpc: "2.0", id, method, params })).json();
}

async function sendTask(handler: ReturnType<typeof testHandler>, extra: Record<string, unknown> = {}) {
  const reply = parseContract(
    TaskReply,
    await (await post(handler, messageSend(1, extra))).json(),
    "task reply",
  );
  return reply.result;
}

describe("STUB_RESULT=task", () => {
  it("answers message/send with a working task that completes with the reply as status message and artifact", async () => {
    const handler = testHandler({ result: "task", taskMs: 20, reply: "DONE" });
    const task = await sendTask(handler, { contextId: "ctx-1" });
    expect(task).toMatchObject({ kind: "task", contextId: "ctx-1", status: { state: "working" } });
    expect(handler.activeTasks).toBe(1);

    await expect
      .poll(
        async () =>
          ((await call(handler, "tasks/get", { id: task.id })) as { result: Task }).result.status.state,
      )
      .toBe("completed");
    const done = parseContract(
      TaskReply,
      await call(handler, "tasks/get", { id: task.id }),
      "tasks/get",
    ).result;
    expect(done.status.message).toMatchObject({
      role: "agent",
      parts: [{ kind: "text", text: "DONE" }],
      taskId: task.id,
    });
    expect(done.artifacts?.[0]?.parts).toEqual([{ kind: "text", text: "DONE" }]);
    expect(done.history?.map((m) => m.role)).toEqual(["user", "agent"]);
    expect(handler.activeTasks).toBe(0);
    handler.close();
  });

  it("honours historyLength in tasks/get", async () => {
    const handler = testHandler({ result: "task", taskMs: 60_000 });
    const task = await sendTask(handler);
    const trimmed = parseContract(
      TaskReply,
      await call(handler, "tasks/get", { id: task.id, historyLength: 0 }),
      "get",
    );
    expect(trimmed.result.history).toEqual([]);
    const full = parseContract(TaskReply, await call(handler, "tasks/get", { id: task.id }), "get");
    expect(full.result.history).toHaveLength(1);
    handler.close();
  });

  it("cancels a working task and refuses to cancel it again with -32002", async () => {
    const handler = testHandler({ result: "task", taskMs: 60_000 });
    const task = await sendTask(handler);
    const canceled = parseContract(TaskReply, await call(handler, "tasks/cancel", { id: task.id }), "cancel");
    expect(canceled.result.status.state).toBe("canceled");
    const again = parseContract(
      JsonRpcErrorResponse,
      await call(handler, "tasks/cancel", { id: task.id }, "c2"),
      "cancel",
    );
    expect(again).toMatchObject({ id: "c2", error: { code: -32002 } });
    handler.close();
  });

  it("refuses to cancel a completed task with -32002", async () => {
    const handler = testHandler({ result: "task", taskMs: 0 });
    const task = await sendTask(handler);
    await expect
      .poll(
        async () =>
          ((await call(handler, "tasks/get", { id: task.id })) as { result: Task }).result.status.state,
      )
      .toBe("completed");
    const refused = parseContract(
      JsonRpcErrorResponse,
      await call(handler, "tasks/cancel", { id: task.id }),
      "cancel",
    );
    expect(refused.error).toEqual({
      code: -32002,
      message: `task cannot be canceled: ${task.id} is completed`,
    });
  });

  it.each(["tasks/get", "tasks/cancel"])("answers %s for an unknown id with -32001", async (method) => {
    const error = parseContract(
      JsonRpcErrorResponse,
      await call(testHandler(), method, { id: "nope" }, 4),
      method,
    );
    expect(error).toEqual({
      jsonrpc: "2.0",
      id: 4,
      error: { code: -32001, message: "task not found: nope" },
    });
  });

  it.each(["tasks/get", "tasks/cancel"])("answers %s without an id with -32602", async (method) => {
    const error = parseContract(JsonRpcErrorResponse, await call(testHandler(), method, {}), method);
    expect(error.error.code).toBe(-32602);
    expect(error.error.message).toContain("id: is required");
  });

  it("keeps only the newest tasks beyond its limit", async () => {
    const handler = testHandler({ result: "task", taskMs: 60_000, taskLimit: 2 });
    const [first, second, third] = [
      await sendTask(handler),
      await sendTask(handler),
      await sendTask(handler),
    ];
    const gone = parseContract(
      JsonRpcErrorResponse,
      await call(handler, "tasks/get", { id: first.id }),
      "get",
    );
    expect(gone.error.code).toBe(-32001);
    for (const kept of [second, third])
      parseContract(TaskReply, await call(handler, "tasks/get", { id: kept.id }), "get");
    handler.close();
  });
});
