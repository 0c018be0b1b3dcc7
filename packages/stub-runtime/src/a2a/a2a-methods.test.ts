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

describe("task continuation (STUB_RESULT=task)", () => {
  const followUp = (taskId: string, extra: Record<string, unknown> = {}) =>
    messageSend(2, { taskId, messageId: "m-2", parts: [{ kind: "text", text: "more" }], ...extra });

  it("appends a message with the task's taskId to that task's history and answers the same task", async () => {
    const handler = testHandler({ result: "task", taskMs: 60_000 });
    const task = await sendTask(handler);
    const continued = parseContract(
      TaskReply,
      await (await post(handler, followUp(task.id))).json(),
      "reply",
    );
    expect(continued.result).toMatchObject({
      id: task.id,
      contextId: task.contextId,
      status: { state: "working" },
    });
    expect(continued.result.history?.map((m) => m.messageId)).toEqual(["m-1", "m-2"]);
    expect(continued.result.history?.[1]).toMatchObject({ taskId: task.id, contextId: task.contextId });
    handler.close();
  });

  it("accepts a follow-up carrying the task's own contextId and refuses another with -32602", async () => {
    const handler = testHandler({ result: "task", taskMs: 60_000 });
    const task = await sendTask(handler);
    const same = await (await post(handler, followUp(task.id, { contextId: task.contextId }))).json();
    expect(parseContract(TaskReply, same, "reply").result.id).toBe(task.id);
    const other = parseContract(
      JsonRpcErrorResponse,
      await (await post(handler, followUp(task.id, { contextId: "another" }))).json(),
      "error",
    );
    expect(other.error.code).toBe(-32602);
    expect(other.error.message).toContain(`whose contextId is ${task.contextId}`);
    handler.close();
  });

  it("starts a new task in the context a message names without a taskId", async () => {
    const handler = testHandler({ result: "task", taskMs: 60_000 });
    const first = await sendTask(handler, { contextId: "ctx-7" });
    const second = await sendTask(handler, { contextId: "ctx-7" });
    expect(second.id).not.toBe(first.id);
    expect(second.contextId).toBe("ctx-7");
    handler.close();
  });

  it("restarts the work: a task completes taskMs after its latest message", async () => {
    const handler = testHandler({ result: "task", taskMs: 300 });
    const task = await sendTask(handler);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await post(handler, followUp(task.id));
    await expect
      .poll(
        async () =>
          ((await call(handler, "tasks/get", { id: task.id })) as { result: Task }).result.status.state,
      )
      .toBe("completed");
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const done = parseContract(TaskReply, await call(handler, "tasks/get", { id: task.id }), "get").result;
    expect(done.history?.map((m) => m.role)).toEqual(["user", "user", "agent"]);
  });

  it.each([
    ["task", 60_000],
    ["message", 0],
  ] as const)("answers -32001 for a taskId it does not hold (STUB_RESULT=%s)", async (result, taskMs) => {
    const error = parseContract(
      JsonRpcErrorResponse,
      await (await post(testHandler({ result, taskMs }), followUp("no-such-task"))).json(),
      "error",
    );
    expect(error).toMatchObject({ id: 2, error: { code: -32001, message: "task not found: no-such-task" } });
  });

  it("refuses a message to a finished task with -32004", async () => {
    const handler = testHandler({ result: "task", taskMs: 60_000 });
    const task = await sendTask(handler);
    await call(handler, "tasks/cancel", { id: task.id });
    const error = parseContract(
      JsonRpcErrorResponse,
      await (await post(handler, followUp(task.id))).json(),
      "error",
    );
    expect(error.error.code).toBe(-32004);
    expect(error.error.message).toContain(`task ${task.id} is canceled and takes no more messages`);
  });

  it("waits for the task with configuration.blocking and answers it completed", async () => {
    const handler = testHandler({ result: "task", taskMs: 50, reply: "DONE" });
    const body = messageSend(1);
    (body["params"] as Record<string, unknown>)["configuration"] = { blocking: true };
    const reply = parseContract(TaskReply, await (await post(handler, body)).json(), "reply");
    expect(reply.result.status).toMatchObject({ state: "completed", message: { parts: [{ text: "DONE" }] } });
  });
});

describe("methods of capabilities the card declares false", () => {
  it.each([
    ["message/stream", -32004, "this operation is not supported"],
    ["tasks/resubscribe", -32004, "this operation is not supported"],
    ["tasks/pushNotificationConfig/set", -32003, "push notifications are not supported"],
    ["tasks/pushNotificationConfig/list", -32003, "push notifications are not supported"],
    ["agent/getAuthenticatedExtendedCard", -32007, "authenticated extended card is not configured"],
  ])("answers %s with %i", async (method, code, message) => {
    const error = parseContract(JsonRpcErrorResponse, await call(testHandler(), method, {}), method);
    expect(error.error.code).toBe(code);
    expect(error.error.message.startsWith(`${message}: ${method}: `)).toBe(true);
  });
});
