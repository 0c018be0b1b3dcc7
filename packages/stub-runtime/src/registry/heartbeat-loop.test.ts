import { delay, HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { mintToken, TEST_PLATFORM_URL } from "../stub-runtime-test-utils.js";
import { useStubSuite } from "../stub-suite-test-utils.js";

const h = useStubSuite();

describe("heartbeat loop", () => {
  it("re-registers once when the platform answers again after an outage", async () => {
    const token = mintToken();
    h.platform.liveTokens.add(token);
    await h.configDir.writeToken(token);
    await h.start();
    await h.platform.waitFor("first register", (c) => c.path === "/registry/register" && c.outcome === 200);
    await h.platform.waitFor("a beat", (c) => c.path === "/registry/heartbeat" && c.outcome === 200);
    const registersBefore = h.platform.registers.length;

    h.platform.down = true;
    const failed = await h.platform.waitFor("failed beat", (c) => c.outcome === "network-error");
    await h.platform.waitFor("another failed beat", (c) => c.outcome === "network-error", failed.index + 1);
    expect(h.platform.registers).toHaveLength(registersBefore);
    h.platform.down = false;
    const again = await h.platform.waitFor(
      "re-register",
      (c) => c.path === "/registry/register",
      failed.index,
    );
    expect(again).toMatchObject({ outcome: 200, token });
    const beat = await h.platform.waitFor("beat after", (c) => c.path === "/registry/heartbeat", again.index);
    await h.platform.waitFor("three beats later", (c) => c.path === "/registry/heartbeat", beat.index + 3);
    expect(h.platform.registers).toHaveLength(registersBefore + 1);
    expect(
      h.logs.lines.filter((line) => line.includes("platform answers again after an outage")),
    ).toHaveLength(1);
  });

  it("comes back online after a platform restart that lost every token", async () => {
    const token = mintToken();
    h.platform.liveTokens.add(token);
    await h.configDir.writeToken(token);
    await h.start();
    await h.platform.waitFor("first register", (c) => c.path === "/registry/register" && c.outcome === 200);
    await h.platform.waitFor("a beat", (c) => c.path === "/registry/heartbeat" && c.outcome === 200);

    h.platform.down = true;
    h.platform.forget();
    const failed = await h.platform.waitFor("failed beat", (c) => c.outcome === "network-error");
    h.platform.down = false;
    // Back with no memory: beats pass as bootstrap and would never tell; the re-register mints a new token.
    const again = await h.platform.waitFor(
      "re-register",
      (c) => c.path === "/registry/register",
      failed.index,
    );
    expect(again.outcome).toBe(200);
    const [minted] = [...h.platform.liveTokens];
    const beat = await h.platform.waitFor(
      "beat with the minted token",
      (c) => c.path === "/registry/heartbeat" && c.token === minted,
      again.index,
    );
    expect(beat.outcome).toBe(200);
  });

  it("re-registers within two beats when the platform forgets it without a single failed beat", async () => {
    const token = mintToken();
    h.platform.liveTokens.add(token);
    await h.configDir.writeToken(token);
    await h.start();
    await h.platform.waitFor("first register", (c) => c.path === "/registry/register" && c.outcome === 200);
    const known = await h.platform.waitFor("a beat", (c) => c.path === "/registry/heartbeat");
    await h.platform.waitFor("another beat", (c) => c.path === "/registry/heartbeat", known.index + 1);
    const forgotAt = h.platform.calls.length;
    h.platform.forget(); // the platform restarted within one beat interval: no beat ever fails
    const again = await h.platform.waitFor("re-register", (c) => c.path === "/registry/register", forgotAt);
    expect(again.outcome).toBe(200);
    const beatsBetween = h.platform.calls
      .slice(forgotAt, again.index)
      .filter((c) => c.path === "/registry/heartbeat");
    expect(beatsBetween.length).toBeLessThanOrEqual(2);
    expect(beatsBetween.every((c) => c.outcome === 200)).toBe(true);
    await h.logs.waitFor(
      /^the platform no longer knows this workspace \((its generation went back|it answers with another inbound secret)/,
    );
  });

  it("does not re-register while the platform answers with the secret it registered with", async () => {
    await h.start();
    await h.platform.waitFor("first register", (c) => c.path === "/registry/register" && c.outcome === 200);
    const beat = await h.platform.waitFor("a beat", (c) => c.path === "/registry/heartbeat");
    await h.platform.waitFor("five more beats", (c) => c.path === "/registry/heartbeat", beat.index + 5);
    expect(h.platform.registers).toHaveLength(1);
  });

  it("retries an unreachable platform at boot and beats once it is up", async () => {
    h.platform.down = true;
    await h.start({ registerAttempts: 3 });
    await h.platform.waitFor("three failed beats", (c) => c.path === "/registry/heartbeat" && c.index >= 3);
    await h.logs.waitFor(/register attempt 2\/3 \(bearer: none\): \S/);
    h.platform.down = false;
    const beat = await h.platform.waitFor(
      "accepted beat",
      (c) => c.path === "/registry/heartbeat" && c.outcome === 200,
    );
    const register = await h.platform.waitFor(
      "register",
      (c) => c.path === "/registry/register" && c.outcome === 200,
    );
    expect(beat.outcome).toBe(200);
    expect(register.outcome).toBe(200);
    await h.logs.waitFor(/^first heartbeat accepted/);
  });

  it("logs a 200 heartbeat body that breaks the contract, naming the field", async () => {
    h.server.use(
      http.post(`${TEST_PLATFORM_URL}/registry/heartbeat`, () => HttpResponse.json({ status: "fine" })),
    );
    await h.start();
    const line = await h.logs.waitFor(/heartbeat -> 200, contract violation/);
    expect(line.message).toContain('status: expected "ok"');
  });

  it("logs a non-200 heartbeat and keeps beating", async () => {
    let beats = 0;
    h.server.use(
      http.post(`${TEST_PLATFORM_URL}/registry/heartbeat`, () => {
        beats++;
        return HttpResponse.json({ error: "failed to update" }, { status: 500 });
      }),
    );
    await h.start();
    await h.logs.waitFor(/heartbeat -> 500 \{"error":"failed to update"\}/);
    await expect.poll(() => beats).toBeGreaterThanOrEqual(3);
  });

  it("gives up on a platform call after the request timeout and goes on", async () => {
    h.server.use(
      http.post(`${TEST_PLATFORM_URL}/registry/heartbeat`, () => delay("infinite"), { once: true }),
    );
    await h.start({ requestTimeoutMs: 50 });
    await h.logs.waitFor(/heartbeat error: no answer within 50 ms/);
    const beat = await h.platform.waitFor("beat after the timeout", (c) => c.path === "/registry/heartbeat");
    expect(beat.outcome).toBe(200);
  });

  it("aborts platform calls in flight on close", async () => {
    h.server.use(http.post(`${TEST_PLATFORM_URL}/registry/*`, () => delay("infinite")));
    const stub = await h.start({ requestTimeoutMs: 600_000 });
    await h.logs.waitFor(/listening on/);
    // Without the abort, close() would wait for the 10-minute request timeout and the test would time out.
    await stub.close();
    expect(h.logs.lines.at(-1)).toBe("stopped");
  });
});
