import { connect, createServer } from "node:net";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { mintToken, TEST_PLATFORM_URL } from "../stub-runtime-test-utils.js";
import { useStubSuite } from "../stub-suite-test-utils.js";

const h = useStubSuite();
const beats = () => h.platform.heartbeats;

/** Whether something accepts TCP connections on the port (net, which msw does not intercept). */
function accepts(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    const done = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.setTimeout(2000, () => done(false));
  });
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("the stub under a STUB_DEFECT", () => {
  it("cache-first-token: keeps beating with the token it read at boot after the file changed", async () => {
    const first = mintToken();
    const second = mintToken();
    h.platform.liveTokens.add(first);
    await h.configDir.writeToken(first);
    await h.start({ defect: "cache-first-token" });
    const beat = await h.platform.waitFor(
      "a beat",
      (c) => c.path === "/registry/heartbeat" && c.token === first,
    );
    await h.configDir.writeToken(second);
    const later = await h.platform.waitFor(
      "three beats later",
      (c) => c.path === "/registry/heartbeat",
      beat.index + 3,
    );
    expect(later.token).toBe(first);
    expect(h.platform.calls.some((c) => c.token === second)).toBe(false);
  });

  it("register-without-bearer: registers without the volume token it beats with", async () => {
    const token = mintToken();
    h.platform.liveTokens.add(token);
    await h.configDir.writeToken(token);
    await h.start({ defect: "register-without-bearer" });
    const register = await h.platform.waitFor("a register", (c) => c.path === "/registry/register");
    expect(register).toMatchObject({ token: undefined, outcome: 401 });
    expect((await h.platform.waitFor("a beat", (c) => c.path === "/registry/heartbeat")).token).toBe(token);
  });

  it("bearer-without-token: sends `Bearer undefined` when it holds no token", async () => {
    await h.start({ defect: "bearer-without-token" });
    const register = await h.platform.waitFor("a register", (c) => c.path === "/registry/register");
    expect(register.token).toBe("undefined");
  });

  it("ignore-issued-token: beats without a bearer after a bootstrap register minted one", async () => {
    await h.start({ defect: "ignore-issued-token" });
    const register = await h.platform.waitFor(
      "register",
      (c) => c.path === "/registry/register" && c.outcome === 200,
    );
    const beat = await h.platform.waitFor(
      "a later beat",
      (c) => c.path === "/registry/heartbeat",
      register.index,
    );
    expect(beat).toMatchObject({ token: undefined, outcome: 401 });
    await h.logs.waitFor(/not keeping the register response token/);
  });

  it("register-8000: registers the :8000 fallback although the platform advertised a URL", async () => {
    await h.start(
      { defect: "register-8000" },
      {
        edit: (config) => {
          config.runtime.workspaceUrl = "http://localhost:34567";
        },
      },
    );
    const register = await h.platform.waitFor("a register", (c) => c.path === "/registry/register");
    expect(register.body).toMatchObject({ url: "http://localhost:8000" });
  });

  it("no-heartbeat: registers and never beats", async () => {
    await h.start({ defect: "no-heartbeat" });
    await h.platform.waitFor("register", (c) => c.path === "/registry/register" && c.outcome === 200);
    await new Promise((resolve) => setTimeout(resolve, 150)); // seven intervals of 20 ms
    expect(beats()).toHaveLength(0);
  });

  it("slow-first-beat: waits four intervals before its first beat", async () => {
    const started = performance.now();
    await h.start({ defect: "slow-first-beat", heartbeatIntervalMs: 100 });
    await h.platform.waitFor("a beat", (c) => c.path === "/registry/heartbeat");
    expect(performance.now() - started).toBeGreaterThanOrEqual(400);
  });

  it("slow-beats: waits three intervals between beats", async () => {
    await h.start({ defect: "slow-beats", heartbeatIntervalMs: 100 });
    const first = await h.platform.waitFor("a beat", (c) => c.path === "/registry/heartbeat");
    const from = performance.now();
    await h.platform.waitFor("the next beat", (c) => c.path === "/registry/heartbeat", first.index + 1);
    expect(performance.now() - from).toBeGreaterThanOrEqual(280);
  });

  it("stop-on-network-error: the beats end at the first network error", async () => {
    h.platform.down = true;
    await h.start({ defect: "stop-on-network-error" });
    await h.logs.waitFor(/heartbeat loop ends after a network error/);
    h.platform.down = false;
    await h.platform.waitFor("register", (c) => c.path === "/registry/register" && c.outcome === 200);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(beats().every((c) => c.outcome === "network-error")).toBe(true);
  });

  it("stop-after-401: the beats end at the first 401, with no re-register", async () => {
    let answered = 0;
    h.server.use(
      http.post(`${TEST_PLATFORM_URL}/registry/heartbeat`, () => {
        answered++;
        return HttpResponse.json({ error: "invalid workspace auth token" }, { status: 401 });
      }),
    );
    await h.start({ defect: "stop-after-401" });
    await h.logs.waitFor(/heartbeat loop ends after a 401/);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(answered).toBe(1);
    expect(h.platform.registers.filter((c) => c.outcome === 200)).toHaveLength(1); // the boot register only
  });

  it("listen-after-register: is not listening yet when its first register arrives", async () => {
    const port = await freePort();
    let listening: boolean | undefined;
    h.server.use(
      http.post(`${TEST_PLATFORM_URL}/registry/register`, async () => {
        listening = await accepts(port);
        return HttpResponse.json({
          status: "registered",
          delivery_mode: "push",
          platform_inbound_secret: "s",
        });
      }),
    );
    await h.start({ defect: "listen-after-register", port });
    expect(listening).toBe(false);
    expect(await accepts(port)).toBe(true);
  });

  it("exit-if-platform-down: refuses to start when its first register cannot reach the platform", async () => {
    h.platform.down = true;
    await expect(h.start({ defect: "exit-if-platform-down" })).rejects.toThrow(
      /the first register failed: exiting \(STUB_DEFECT exit-if-platform-down\)/,
    );
    h.runtime = undefined;
  });

  it("crash-on-reused-volume: boots once, then refuses the same config volume", async () => {
    const stub = await h.start({ defect: "crash-on-reused-volume" });
    await stub.close();
    await expect(h.start({ defect: "crash-on-reused-volume" })).rejects.toThrow(
      /was used by an earlier boot: refusing to start/,
    );
    h.runtime = undefined;
  });
});
