import {
  jsonRpcSuccess,
  parseContract,
  V1JsonRpcErrorResponse,
  V1ListTasksResponse,
  V1SendMessageResponse,
  V1Task,
} from "@molecule-ctk/contract";
import { describe, expect, it } from "vitest";
import { rpc, sendMessageParams, testHandler } from "../a2a-handler-test-utils.js";

const TaskReply = jsonRpcSuccess(V1Task);
const ListReply = jsonRpcSuccess(V1ListTasksResponse);

async function send(handler: ReturnType<typeof testHandler>, params: unknown) {
  const answer = parseContract(
    V1SendMessageResponse,
    await rpc(handler, "SendMessage", params),
    "SendMessage",
  );
  if (!("result" in answer)) throw new Error(`SendMessage failed: ${JSON.stringify(answer)}`);
  return answer.result;
}

async function v1Error(answer: Promise<Record<string, unknown>>) {
  return parseContract(V1JsonRpcErrorResponse, await answer, "v1 error");
}

describe("SendMessage", () => {
  it("answers an agent message in v1.0 shape, with a contextId, in message mode", async () => {
    const result = await send(testHandler(), sendMessageParams());
    expect(result.message).toMatchObject({ role: "ROLE_AGENT", parts: [{ text: "STUB OK" }] });
    expect(result.message?.contextId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(result)).not.toContain('"kind"');
  });

  it("keeps the client's contextId", async () => {
    const result = await send(testHandler(), sendMessageParams({ contextId: "ctx-1" }));
    expect(result.message?.contextId).toBe("ctx-1");
  });

  it("waits for the task by default and answers it completed, with history and artifact", async () => {
    const handler = testHandler({ result: "task", taskMs: 30, reply: "DONE" });
    const { task } = await send(handler, sendMessageParams());
    expect(task?.status.state).toBe("TASK_STATE_COMPLETED");
    expect(task?.artifacts?.[0]?.parts).toEqual([{ text: "DONE" }]);
    expect(task?.history?.map((m) => m.role)).toEqual(["ROLE_USER", "ROLE_AGENT"]);
  });

  it("answers at once with a working task given returnImmediately", async () => {
    const handler = testHandler({ result: "task", taskMs: 60_000 });
    const { task } = await send(handler, sendMessageParams({}, { returnImmediately: true }));
    expect(task?.status.state).toBe("TASK_STATE_WORKING");
    handler.close();
  });

  it("continues a task by taskId, and refuses an unknown one with -32001 and its ErrorInfo", async () => {
    const handler = testHandler({ result: "task", taskMs: 60_000 });
    const { task } = await send(handler, sendMessageParams({}, { returnImmediately: true }));
    const next = await send(
      handler,
      sendMessageParams({ taskId: task?.id, messageId: "m-2" }, { returnImmediately: true }),
    );
    expect(next.task?.id).toBe(task?.id);
    expect(next.task?.history).toHaveLength(2);
    const error = await v1Error(rpc(handler, "SendMessage", sendMessageParams({ taskId: "nope" })));
    expect(error.error).toEqual({
      code: -32001,
      message: "task not found: nope",
      data: [
        {
          "@type": "type.googleapis.com/google.rpc.ErrorInfo",
          reason: "TASK_NOT_FOUND",
          domain: "a2a-protocol.org",
          metadata: { taskId: "nope" },
        },
      ],
    });
    handler.close();
  });

  it("translates every part kind to v0.3 and back without loss", async () => {
    const parts = [
      { text: "t", metadata: { a: 1 } },
      { raw: "aGk=", filename: "a.txt", mediaType: "text/plain" },
      { url: "https://example.com/x", filename: "x" },
      { data: { k: [1, 2] } },
      { data: [1, "two"] },
      { data: "scalar" },
    ];
    const handler = testHandler({ result: "task", taskMs: 60_000 });
    const { task } = await send(handler, sendMessageParams({ parts }, { returnImmediately: true }));
    expect(task?.history?.[0]?.parts).toEqual(parts);
    const v03 = (await rpc(handler, "tasks/get", { id: task?.id })) as { result: { history: unknown[] } };
    expect((v03.result.history[0] as { parts: unknown[] }).parts).toEqual([
      { kind: "text", text: "t", metadata: { a: 1 } },
      { kind: "file", file: { bytes: "aGk=", name: "a.txt", mimeType: "text/plain" } },
      { kind: "file", file: { uri: "https://example.com/x", name: "x" } },
      { kind: "data", data: { k: [1, 2] } },
      { kind: "data", data: { value: [1, "two"] }, metadata: { data_part_compat: true } },
      { kind: "data", data: { value: "scalar" }, metadata: { data_part_compat: true } },
    ]);
    handler.close();
  });

  it.each([
    ["v0.3 roles", sendMessageParams({ role: "user" })],
    ["a part with two contents", sendMessageParams({ parts: [{ text: "a", url: "b" }] })],
    ["no message", {}],
  ])("answers -32602 with INVALID_PARAMS given %s", async (_label, params) => {
    const error = await v1Error(rpc(testHandler(), "SendMessage", params));
    expect(error.error.code).toBe(-32602);
    expect(error.error.message).toMatch(/^invalid params: SendMessage params: /);
    expect(error.error.data?.[0]).toMatchObject({ reason: "INVALID_PARAMS" });
  });
});

describe("GetTask, CancelTask", () => {
  it("fetches a task with historyLength, leaving history out for 0, and cancels it", async () => {
    const handler = testHandler({ result: "task", taskMs: 60_000 });
    const { task } = await send(handler, sendMessageParams({}, { returnImmediately: true }));
    const got = parseContract(
      TaskReply,
      await rpc(handler, "GetTask", { id: task?.id, historyLength: 0 }),
      "get",
    );
    expect(got.result).toMatchObject({ id: task?.id, status: { state: "TASK_STATE_WORKING" } });
    expect(got.result.history).toBeUndefined();
    const canceled = parseContract(TaskReply, await rpc(handler, "CancelTask", { id: task?.id }), "cancel");
    expect(canceled.result.status.state).toBe("TASK_STATE_CANCELED");
    const again = await v1Error(rpc(handler, "CancelTask", { id: task?.id }));
    expect(again.error).toMatchObject({ code: -32002, data: [{ reason: "TASK_NOT_CANCELABLE" }] });
  });

  it.each(["GetTask", "CancelTask"])("answers %s for an unknown id with -32001", async (method) => {
    const error = await v1Error(rpc(testHandler(), method, { id: "nope" }));
    expect(error.error).toMatchObject({ code: -32001, data: [{ reason: "TASK_NOT_FOUND" }] });
  });
});

describe("ListTasks", () => {
  async function seeded() {
    const handler = testHandler({ result: "task", taskMs: 60_000 });
    const ids: string[] = [];
    for (const contextId of ["a", "b", "a", "a"]) {
      const { task } = await send(handler, sendMessageParams({ contextId }, { returnImmediately: true }));
      ids.push(task?.id ?? "");
    }
    return { handler, ids };
  }

  it("lists the newest first, pages with a cursor and ends with an empty nextPageToken", async () => {
    const { handler, ids } = await seeded();
    const first = parseContract(ListReply, await rpc(handler, "ListTasks", { pageSize: 3 }), "list").result;
    expect(first).toMatchObject({ pageSize: 3, totalSize: 4 });
    expect(first.tasks.map((t) => t.id)).toEqual([ids[3], ids[2], ids[1]]);
    expect(first.nextPageToken).not.toBe("");
    const rest = parseContract(
      ListReply,
      await rpc(handler, "ListTasks", { pageSize: 3, pageToken: first.nextPageToken }),
      "list",
    ).result;
    expect(rest.tasks.map((t) => t.id)).toEqual([ids[0]]);
    expect(rest.nextPageToken).toBe("");
    handler.close();
  });

  it("filters by context and state, and leaves artifacts out unless asked", async () => {
    const { handler, ids } = await seeded();
    await rpc(handler, "CancelTask", { id: ids[2] });
    const list = parseContract(
      ListReply,
      await rpc(handler, "ListTasks", { contextId: "a", status: "TASK_STATE_WORKING", historyLength: 1 }),
      "list",
    ).result;
    expect(list.tasks.map((t) => t.id)).toEqual([ids[3], ids[0]]);
    expect(list.totalSize).toBe(2);
    expect(list.pageSize).toBe(50);
    for (const task of list.tasks) {
      expect(task.artifacts).toBeUndefined();
      expect(task.history).toHaveLength(1);
    }
    handler.close();
  });

  it.each([
    [{ pageSize: 0 }, "pageSize: must be >= 1"],
    [{ pageSize: 101 }, "pageSize: must be <= 100"],
    [{ pageToken: "bm9wZQ" }, "pageToken: not a token this agent issued"],
  ])("answers -32602 given %j", async (params, message) => {
    const error = await v1Error(rpc(testHandler(), "ListTasks", params));
    expect(error.error.code).toBe(-32602);
    expect(error.error.message).toContain(message);
  });
});

describe("v1.0 methods of capabilities the card declares false", () => {
  it.each([
    ["SendStreamingMessage", -32004, "UNSUPPORTED_OPERATION"],
    ["SubscribeToTask", -32004, "UNSUPPORTED_OPERATION"],
    ["CreateTaskPushNotificationConfig", -32003, "PUSH_NOTIFICATION_NOT_SUPPORTED"],
    ["GetExtendedAgentCard", -32004, "UNSUPPORTED_OPERATION"],
  ])("answers %s with %i", async (method, code, reason) => {
    const error = await v1Error(rpc(testHandler(), method, {}));
    expect(error.error).toMatchObject({ code, data: [{ reason }] });
  });
});
