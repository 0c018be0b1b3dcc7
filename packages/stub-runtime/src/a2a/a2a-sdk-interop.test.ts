// The official A2A client, @a2a-js/sdk 1.x, against the stub over HTTP: v1.0 natively, v0.3 through
// its legacy compatibility layer, in both result modes.
import {
  CancelTaskRequest,
  GetTaskRequest,
  ListTasksRequest,
  type Message,
  Role,
  SendMessageRequest,
  type Task,
  TaskState,
} from "@a2a-js/sdk";
import {
  Client,
  type ClientConfig,
  ClientFactory,
  DefaultAgentCardResolver,
  JsonRpcTransportFactory,
} from "@a2a-js/sdk/client";
import { LegacyJsonRpcTransport } from "@a2a-js/sdk/compat/v0_3/client";
import { TaskNotCancelableError, TaskNotFoundError } from "@a2a-js/sdk/errors";
import type { A2AProtocolVersion } from "@molecule-ctk/contract";
import { afterEach, describe, expect, it } from "vitest";
import { type StartedHttpServer, startHttpServer } from "../http/http-adapter.js";
import { TEST_WORKSPACE_ID } from "../stub-runtime-test-utils.js";
import { type A2AHandler, type A2AHandlerOptions, createA2AHandler } from "./a2a-handler.js";

interface Stub {
  url: string;
  /** Every JSON-RPC call the client made: its method and `A2A-Version` header. */
  calls: Array<{ method: string; version: string | null }>;
  fetchImpl: typeof fetch;
}

const running: Array<{ server: StartedHttpServer; handler: A2AHandler }> = [];
afterEach(async () => {
  for (const { server, handler } of running.splice(0)) {
    handler.close();
    await server.close(100);
  }
});

async function startStub(options: Partial<A2AHandlerOptions> = {}): Promise<Stub> {
  let url = "";
  const handler = createA2AHandler({
    workspaceId: TEST_WORKSPACE_ID,
    url: () => url,
    configPath: "/nonexistent-config-dir",
    ...options,
  });
  const server = await startHttpServer(handler, "127.0.0.1", 0);
  running.push({ server, handler });
  url = `http://127.0.0.1:${server.port}`;
  const calls: Stub["calls"] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    if (typeof init?.body === "string") {
      const { method } = JSON.parse(init.body) as { method: string };
      calls.push({ method, version: new Headers(init.headers).get("a2a-version") });
    }
    return fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(10_000) });
  };
  return { url, calls, fetchImpl };
}

/** A v1.0 client, discovered from the card as the SDK does by default. */
function v1Client(stub: Stub, config: ClientConfig = {}): Promise<Client> {
  return new ClientFactory({
    transports: [new JsonRpcTransportFactory({ fetchImpl: stub.fetchImpl })],
    cardResolver: new DefaultAgentCardResolver({ fetchImpl: stub.fetchImpl }),
    clientConfig: config,
  }).createFromUrl(stub.url);
}

/** A client with the SDK's v0.3 compatibility layer on the card resolver and the JSON-RPC transport. */
function legacyClient(stub: Stub, config: ClientConfig = {}): Promise<Client> {
  const legacyCompat = { enabled: true };
  return new ClientFactory({
    transports: [new JsonRpcTransportFactory({ fetchImpl: stub.fetchImpl, legacyCompat })],
    cardResolver: new DefaultAgentCardResolver({ fetchImpl: stub.fetchImpl, legacyCompat }),
    clientConfig: config,
  }).createFromUrl(stub.url);
}

const ping = (extra: Record<string, unknown> = {}) =>
  SendMessageRequest.fromJSON({
    message: { messageId: crypto.randomUUID(), role: "ROLE_USER", parts: [{ text: "ping" }], ...extra },
  });

function textOf(message: Message | undefined): unknown {
  return message?.parts.map((part) => part.content);
}

const isTask = (result: Message | Task): result is Task => "status" in result;

describe.each([
  ["v1.0, SendMessage", "1.0", v1Client, ["1.0", "0.3"]],
  ["v0.3 legacy mode, message/send", "0.3", legacyClient, ["0.3"]],
] as const)("@a2a-js/sdk in %s", (_label, dialect, connect, versions) => {
  const send = dialect === "1.0" ? "SendMessage" : "message/send";
  const getTask = dialect === "1.0" ? "GetTask" : "tasks/get";
  const cancelTask = dialect === "1.0" ? "CancelTask" : "tasks/cancel";
  const stubVersions = versions as readonly A2AProtocolVersion[];

  it("gets STUB OK as an agent message in message mode", async () => {
    const stub = await startStub({ versions: stubVersions });
    const client = await connect(stub);
    const result = await client.sendMessage(ping({ contextId: "ctx-1" }));
    expect(isTask(result)).toBe(false);
    const message = result as Message;
    expect(message.role).toBe(Role.ROLE_AGENT);
    expect(message.contextId).toBe("ctx-1");
    expect(textOf(message)).toEqual([{ $case: "text", value: "STUB OK" }]);
    expect(stub.calls).toEqual([{ method: send, version: dialect }]);
  });

  it("gets a completed task when it waits, as the client does by default", async () => {
    const stub = await startStub({ versions: stubVersions, result: "task", taskMs: 20 });
    const result = await (await connect(stub)).sendMessage(ping());
    expect(isTask(result) && result.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(textOf((result as Task).status?.message)).toEqual([{ $case: "text", value: "STUB OK" }]);
  });

  it("fetches and cancels a working task, and is told when a task is unknown or finished", async () => {
    const stub = await startStub({ versions: stubVersions, result: "task", taskMs: 60_000 });
    const client = await connect(stub, { polling: true });
    const sent = await client.sendMessage(ping());
    expect(isTask(sent) && sent.status?.state).toBe(TaskState.TASK_STATE_WORKING);
    const task = sent as Task;

    const fetched = await client.getTask(GetTaskRequest.fromJSON({ id: task.id, historyLength: 1 }));
    expect(fetched).toMatchObject({ id: task.id, contextId: task.contextId });
    expect(fetched.history).toHaveLength(1);

    const canceled = await client.cancelTask(CancelTaskRequest.fromJSON({ id: task.id }));
    expect(canceled.status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    await expect(client.cancelTask(CancelTaskRequest.fromJSON({ id: task.id }))).rejects.toBeInstanceOf(
      TaskNotCancelableError,
    );
    await expect(client.getTask(GetTaskRequest.fromJSON({ id: "nope" }))).rejects.toBeInstanceOf(
      TaskNotFoundError,
    );
    expect(new Set(stub.calls.map((call) => call.method))).toEqual(new Set([send, getTask, cancelTask]));
    expect(new Set(stub.calls.map((call) => call.version))).toEqual(new Set([dialect]));
  });

  it("continues a task by its taskId", async () => {
    const stub = await startStub({ versions: stubVersions, result: "task", taskMs: 60_000 });
    const client = await connect(stub, { polling: true });
    const first = (await client.sendMessage(ping())) as Task;
    const next = (await client.sendMessage(ping({ taskId: first.id, contextId: first.contextId }))) as Task;
    expect(next.id).toBe(first.id);
    expect(next.history).toHaveLength(2);
  });
});

describe("@a2a-js/sdk across dialects on one stub", () => {
  it("discovers v1.0 from a stub that speaks both, and lists tasks", async () => {
    const stub = await startStub({ result: "task", taskMs: 60_000 });
    const client = await legacyClient(stub, { polling: true });
    const task = (await client.sendMessage(ping())) as Task;
    expect(stub.calls.at(-1)).toEqual({ method: "SendMessage", version: "1.0" });
    const listed = await client.listTasks(ListTasksRequest.fromJSON({ pageSize: 10 }));
    expect(listed.tasks.map((t) => t.id)).toEqual([task.id]);
    expect(listed.nextPageToken).toBe("");
  });

  it("sends v0.3 message/send with the legacy transport, and fetches that task in v1.0", async () => {
    const stub = await startStub({ result: "task", taskMs: 60_000 });
    const card = await new DefaultAgentCardResolver({ fetchImpl: stub.fetchImpl }).resolve(stub.url);
    const legacy = new Client(
      new LegacyJsonRpcTransport({ endpoint: stub.url, fetchImpl: stub.fetchImpl }),
      card,
      {
        polling: true,
      },
    );
    const task = (await legacy.sendMessage(ping())) as Task;
    expect(stub.calls.at(-1)).toEqual({ method: "message/send", version: "0.3" });
    const fetched = await (await v1Client(stub)).getTask(GetTaskRequest.fromJSON({ id: task.id }));
    expect(fetched).toMatchObject({ id: task.id, status: { state: TaskState.TASK_STATE_WORKING } });
    expect(stub.calls.at(-1)).toEqual({ method: "GetTask", version: "1.0" });
  });
});
