import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ADMIN, call, registerBody, setupTestServer } from "../platform-test-utils.js";
import { redactSecret } from "./journal-redaction.js";
import { journalEntryChars, RequestJournal } from "./request-journal.js";

const { useTestPlatform } = setupTestServer();

describe("the request journal", () => {
  it("records each request's headers and body, credentials redacted", async () => {
    const platform = useTestPlatform();
    const id = randomUUID();
    const registered = await call("POST", "/registry/register", {
      body: registerBody(id, "http://localhost:1"),
    });
    const token: string = registered.body.auth_token;
    await call("POST", "/registry/heartbeat", { token, body: { workspace_id: id, uptime_seconds: 3 } });
    const [register, beat] = platform.journal.find({ workspaceId: id });
    expect(JSON.parse(register!.body!)).toEqual(registerBody(id, "http://localhost:1"));
    expect(register!.headers["authorization"]).toBeUndefined();
    expect(beat).toMatchObject({ method: "POST", path: "/registry/heartbeat", status: 200 });
    expect(beat!.headers["authorization"]).toBe(`Bearer ${redactSecret(token)}`);
    expect(beat!.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(beat!.body!)).toEqual({ workspace_id: id, uptime_seconds: 3 });
    expect(JSON.stringify(platform.journal.find())).not.toContain(token);
  });

  it("stamps an entry with the time its request arrived", async () => {
    const platform = useTestPlatform();
    platform.control.addFault({ path: "/health", delayMs: 60, times: 1 });
    const before = Date.now();
    await call("GET", "/health");
    const after = Date.now();
    const [entry] = platform.journal.find({ path: "/health" });
    // Stamped on arrival: at least the fault's 60 ms before the answer came back, however slow the
    // machine (a stamp taken at the end would sit next to `after`).
    expect(Date.parse(entry!.at)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(entry!.at)).toBeLessThanOrEqual(after - 55);
    expect(entry!.durationMs).toBeGreaterThanOrEqual(55);
  });

  it("keeps at most journalBodyBytes of a body and says it cut it", async () => {
    const platform = useTestPlatform({ journalBodyBytes: 10 });
    await call("POST", "/registry/heartbeat", { body: { workspace_id: randomUUID() } });
    const [entry] = platform.journal.find();
    expect(entry!.body).toHaveLength(10);
    expect(entry!.bodyTruncated).toBe(true);
  });

  it("journals the body and workspace of a request a fault or the downtime answered", async () => {
    const platform = useTestPlatform();
    platform.control.addFault({ path: "/registry/heartbeat", status: 401, times: 1 });
    await call("POST", "/registry/heartbeat", { body: { workspace_id: "w-1" } });
    expect(platform.journal.find({ status: 401 })[0]).toMatchObject({
      fault: expect.any(String),
      workspaceId: "w-1",
      body: JSON.stringify({ workspace_id: "w-1" }),
    });
    platform.control.loseState({ downtimeMs: 5_000 });
    await expect(call("POST", "/registry/register", { body: { id: "w-2" } })).rejects.toThrow();
    expect(platform.journal.find({ status: 0 })[0]).toMatchObject({ fault: "downtime", workspaceId: "w-2" });
  });

  it("finds entries by method, concrete path or route pattern, workspace and status", async () => {
    const platform = useTestPlatform();
    const id = randomUUID();
    await call("POST", "/registry/register", { body: registerBody(id, "http://localhost:1") });
    await call("GET", `/workspaces/${id}`);
    await call("GET", `/workspaces/${randomUUID()}`);
    expect(platform.journal.find({ path: "/workspaces/:id" })).toHaveLength(2);
    expect(platform.journal.find({ path: `/workspaces/${id}` })).toHaveLength(1);
    expect(platform.journal.find({ method: "get", workspaceId: id })).toHaveLength(1);
    expect(platform.journal.find({ status: 404 })).toHaveLength(1);
    expect(platform.journal.find({ since: platform.journal.find()[1]!.seq })).toHaveLength(1);
  });

  it("answers GET /__mock/journal with the same filters, and 400 for a bad one", async () => {
    useTestPlatform();
    const id = randomUUID();
    await call("POST", "/registry/register", { body: registerBody(id, "http://localhost:1") });
    await call("POST", "/registry/heartbeat", { body: { workspace_id: id } });
    await call("POST", "/registry/heartbeat", { body: { workspace_id: randomUUID() } });
    const query = `method=POST&path=/registry/heartbeat&workspace=${id}`;
    const res = await call("GET", `/__mock/journal?${query}`, { token: ADMIN });
    expect(res.body.entries).toHaveLength(1);
    expect(res.body.entries[0]).toMatchObject({ path: "/registry/heartbeat", workspaceId: id });
    expect(JSON.parse(res.body.entries[0].body)).toEqual({ workspace_id: id });
    const bad = await call("GET", "/__mock/journal?since=soon", { token: ADMIN });
    expect(bad).toMatchObject({ status: 400, body: { error: "since must be a non-negative integer" } });
  });
});

describe("RequestJournal bounds", () => {
  const entry = (body: string) => ({
    at: new Date(0).toISOString(),
    method: "POST",
    path: "/registry/heartbeat",
    route: "/registry/heartbeat",
    status: 200,
    durationMs: 0,
    headers: { "content-type": "application/json" },
    body,
  });

  it("keeps at most `limit` entries, dropping the oldest", () => {
    const journal = new RequestJournal(3);
    for (let i = 0; i < 5; i++) journal.record(entry(`${i}`));
    expect(journal.find().map((e) => e.body)).toEqual(["2", "3", "4"]);
  });

  it("keeps at most `charLimit` characters of bodies and headers in all, dropping the oldest", () => {
    const size = journalEntryChars(entry("x".repeat(100)));
    const journal = new RequestJournal(1000, 16 * 1024, 3 * size);
    for (let i = 0; i < 10; i++) journal.record(entry(`${i}`.repeat(100)));
    const kept = journal.find();
    expect(kept.map((e) => e.body![0])).toEqual(["7", "8", "9"]);
    expect(kept.reduce((sum, e) => sum + journalEntryChars(e), 0)).toBeLessThanOrEqual(3 * size);
  });

  it("keeps the newest entry even when it alone is over `charLimit`", () => {
    const journal = new RequestJournal(1000, 16 * 1024, 10);
    journal.record(entry("a"));
    journal.record(entry("b".repeat(50)));
    expect(journal.find().map((e) => e.body)).toEqual(["b".repeat(50)]);
  });

  it("forgets the characters of cleared entries", () => {
    const size = journalEntryChars(entry("x".repeat(100)));
    const journal = new RequestJournal(1000, 16 * 1024, 2 * size);
    journal.record(entry("x".repeat(100)));
    journal.record(entry("y".repeat(100)));
    journal.clear();
    journal.record(entry("z".repeat(100)));
    journal.record(entry("w".repeat(100)));
    expect(journal.find()).toHaveLength(2);
  });
});
