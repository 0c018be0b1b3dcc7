import type { Message } from "@molecule-ctk/contract";
import { describe, expect, it } from "vitest";
import { InMemoryTaskStore, jsonBytes, type TaskStoreOptions } from "./task-store.js";

const message = (text: string, extra: Partial<Message> = {}): Message => ({
  kind: "message",
  role: "user",
  parts: [{ kind: "text", text }],
  messageId: "m",
  ...extra,
});

function store(options: Partial<TaskStoreOptions> = {}) {
  return new InMemoryTaskStore({ reply: "OK", taskMs: 60_000, ...options });
}

function created(tasks: InMemoryTaskStore, text: string, extra: Partial<Message> = {}) {
  const outcome = tasks.create(message(text, extra));
  if (!("task" in outcome)) throw new Error(`create failed: ${outcome.failure}`);
  return outcome.task;
}

describe("InMemoryTaskStore bounds", () => {
  it("drops the least recently touched tasks to stay under its byte budget", () => {
    const tasks = store({ maxBytes: 50_000, maxTaskBytes: 20_000 });
    const ids = Array.from({ length: 10 }, () => created(tasks, "x".repeat(10_000)).id);
    expect(tasks.usage.bytes).toBeLessThanOrEqual(50_000);
    expect(tasks.usage.tasks).toBe(4);
    expect(ids.slice(0, 6).every((id) => tasks.get(id) === undefined)).toBe(true);
    expect(ids.slice(6).every((id) => tasks.get(id) !== undefined)).toBe(true);
    tasks.close();
  });

  it("keeps a task it has just continued and drops an older untouched one", () => {
    const tasks = store({ maxBytes: 30_000, maxTaskBytes: 20_000 });
    const [a, b, c] = [
      created(tasks, "a".repeat(10_000)),
      created(tasks, "b".repeat(10_000)),
      created(tasks, "c"),
    ];
    tasks.continue(a.id, message("more"));
    created(tasks, "d".repeat(10_000));
    expect(tasks.get(a.id)).toBeDefined();
    expect(tasks.get(b.id)).toBeUndefined();
    expect(tasks.get(c.id)).toBeDefined();
    tasks.close();
  });

  it("refuses to grow one task past maxTaskBytes and leaves it as it was", () => {
    const tasks = store({ maxTaskBytes: 10_000 });
    const task = created(tasks, "a".repeat(4_000));
    expect("task" in tasks.continue(task.id, message("b".repeat(4_000)))).toBe(true);
    const refused = tasks.continue(task.id, message("c".repeat(4_000)));
    expect(refused).toMatchObject({ failure: "too-large", maxTaskBytes: 10_000 });
    expect(tasks.get(task.id)?.history).toHaveLength(2);
    expect(tasks.create(message("d".repeat(20_000)))).toMatchObject({ failure: "too-large" });
    tasks.close();
  });

  it("accounts every task's JSON size, completion and cancel included", async () => {
    const tasks = store({ taskMs: 5 });
    const done = created(tasks, "done");
    const canceled = created(tasks, "canceled");
    tasks.cancel(canceled.id);
    await tasks.settled(done.id);
    const expected = jsonBytes(tasks.get(done.id)) + jsonBytes(tasks.get(canceled.id));
    expect(tasks.usage).toEqual({ tasks: 2, bytes: expected });
  });

  it("keeps at most `limit` tasks", () => {
    const tasks = store({ limit: 3 });
    for (let i = 0; i < 10; i++) created(tasks, `t${i}`);
    expect(tasks.usage.tasks).toBe(3);
    tasks.close();
  });

  it("refuses options where one task may outgrow the whole store", () => {
    expect(() => store({ maxBytes: 10, maxTaskBytes: 11 })).toThrow(/maxTaskBytes exceeds maxBytes/);
  });
});

describe("InMemoryTaskStore waiting and listing", () => {
  it("releases a waiter when its task is canceled, and at once for a finished or unknown task", async () => {
    const tasks = store();
    const task = created(tasks, "x");
    const waiting = tasks.settled(task.id);
    tasks.cancel(task.id);
    await waiting;
    await tasks.settled(task.id);
    await tasks.settled("unknown");
    tasks.close();
  });

  it("lists the most recently updated first and resumes after a cursor", () => {
    const tasks = store();
    const [a, b, c] = [created(tasks, "a", { contextId: "x" }), created(tasks, "b"), created(tasks, "c")];
    tasks.continue(a.id, message("again"));
    const all = [...tasks.list({})];
    expect(all.map((item) => item.task.id)).toEqual([a.id, c.id, b.id]);
    expect([...tasks.list({}, all[1]?.cursor)].map((item) => item.task.id)).toEqual([b.id]);
    expect(tasks.count({ contextId: "x" })).toBe(1);
    tasks.close();
  });
});
