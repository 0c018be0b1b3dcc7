import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { mintToken, TEST_PLATFORM_URL } from "../stub-runtime-test-utils.js";
import { useStubSuite } from "../stub-suite-test-utils.js";

const h = useStubSuite();

describe("register loop", () => {
  it("retries a failing register the configured number of times, then gives up", async () => {
    let attempts = 0;
    h.server.use(
      http.post(`${TEST_PLATFORM_URL}/registry/register`, () => {
        attempts++;
        return HttpResponse.json({ error: "registration failed" }, { status: 500 });
      }),
    );
    await h.start({ registerAttempts: 4 });
    await h.logs.waitFor(/register gave up after 4 attempts/);
    expect(attempts).toBe(4);
    expect(h.logs.lines).toContain(
      'register attempt 3/4 (bearer: none) -> HTTP 500 {"error":"registration failed"}',
    );
  });

  it("never runs two register loops at once, however many beats get 401", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let registers = 0;
    h.server.use(
      http.post(`${TEST_PLATFORM_URL}/registry/heartbeat`, () =>
        HttpResponse.json({ error: "invalid workspace auth token" }, { status: 401 }),
      ),
      http.post(`${TEST_PLATFORM_URL}/registry/register`, async () => {
        inFlight++;
        registers++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 15));
        inFlight--;
        return HttpResponse.json({ error: "invalid workspace auth token" }, { status: 401 });
      }),
    );
    await h.configDir.writeToken(mintToken());
    await h.start({ registerAttempts: 3, registerDelayMs: 5, heartbeatIntervalMs: 5 });
    await h.logs.waitFor(/register gave up after 3 attempts/);
    await h.logs.waitFor(/heartbeat 401 - re-registering \(register already running\)/);
    await expect.poll(() => registers).toBeGreaterThanOrEqual(6);
    expect(maxInFlight).toBe(1);
  });

  it("logs a 200 register body that breaks the contract and still captures its token", async () => {
    const token = mintToken();
    h.server.use(
      http.post(`${TEST_PLATFORM_URL}/registry/register`, () =>
        HttpResponse.json({ status: "registered", auth_token: token }),
      ),
    );
    h.platform.liveTokens.add(token);
    const stub = await h.start();
    const line = await h.logs.waitFor(/-> 200, contract violation/);
    expect(line.message).toContain("delivery_mode: is required");
    await h.platform.waitFor("beat with the captured token", (c) => c.token === token && c.outcome === 200);
    expect(stub.tokens.captured).toBe(token);
  });

  it("does not capture a register-response token that is not a platform token", async () => {
    h.server.use(
      http.post(`${TEST_PLATFORM_URL}/registry/register`, () =>
        HttpResponse.json({
          status: "registered",
          delivery_mode: "push",
          platform_inbound_secret: "s",
          auth_token: "short",
        }),
      ),
    );
    const stub = await h.start();
    await h.logs.waitFor(/not capturing the register response token: .*43-character/);
    expect(stub.tokens.captured).toBeUndefined();
  });
});
