import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bearerToken, PlatformMessages } from "@molecule-ctk/contract";
import { HttpResponse, http } from "msw";
import { DEFAULT_KNOBS, type StubConfig } from "./config.js";
import type { StubLogEvent } from "./stub-logger.js";

export const TEST_PLATFORM_URL = "http://platform.test";
export const TEST_WORKSPACE_ID = "3f2c1a9e-5b7d-4c1e-9a2b-6d8e0f1a2b3c";

/** A config with tens-of-milliseconds timers for tests. */
export function testConfig(configPath: string, overrides: Partial<StubConfig> = {}): StubConfig {
  return {
    ...DEFAULT_KNOBS,
    port: 0,
    heartbeatIntervalMs: 20,
    registerAttempts: 10,
    registerDelayMs: 20,
    requestTimeoutMs: 2000,
    taskMs: 50,
    runtime: {
      workspaceId: TEST_WORKSPACE_ID,
      platformUrl: TEST_PLATFORM_URL,
      configPath,
      tokenFile: join(configPath, ".auth_token"),
      workspaceUrl: undefined,
      registerUrlOverride: undefined,
      declaredPlugins: [],
      hostname: undefined,
    },
    ...overrides,
  };
}

/** A fresh config directory, removed by the returned cleanup. */
export async function makeConfigDir(): Promise<{
  path: string;
  writeToken(token: string): Promise<void>;
  remove(): Promise<void>;
}> {
  const path = await mkdtemp(join(tmpdir(), "stub-runtime-test-"));
  return {
    path,
    writeToken: (token) => writeFile(join(path, ".auth_token"), `${token}\n`),
    remove: () => rm(path, { recursive: true, force: true }),
  };
}

/** A platform-minted-looking token: 43 base64url characters. */
export function mintToken(): string {
  return randomBytes(32).toString("base64url");
}

/** One call the fake platform received. */
export interface PlatformCall {
  index: number;
  path: "/registry/register" | "/registry/heartbeat";
  token: string | undefined;
  body: unknown;
  outcome: number | "network-error";
}

/**
 * An msw double of the platform's registry with the token rules of contract 4.2: bootstrap while
 * no token is live (register then mints one and returns it), else the bearer must be live.
 * `down` answers with network errors; `forget()` loses every token and the workspace's record, like
 * a platform restarted with an empty database (its beats then get generation 0 and a throwaway secret).
 * Not the mock platform itself: mock-platform depends on stub-runtime, so the stub cannot import it.
 */
export class FakePlatform {
  readonly calls: PlatformCall[] = [];
  readonly liveTokens = new Set<string>();
  down = false;
  /** The workspace's inbound secret while the platform has its record. */
  #inboundSecret: string | undefined;
  readonly #events = new EventEmitter();

  /** The msw handlers; pass them to setupServer. */
  handlers() {
    return [
      http.post(`${TEST_PLATFORM_URL}/registry/register`, ({ request }) =>
        this.#answer(request, "/registry/register"),
      ),
      http.post(`${TEST_PLATFORM_URL}/registry/heartbeat`, ({ request }) =>
        this.#answer(request, "/registry/heartbeat"),
      ),
    ];
  }

  forget(): void {
    this.liveTokens.clear();
    this.#inboundSecret = undefined;
  }

  get registers(): PlatformCall[] {
    return this.calls.filter((call) => call.path === "/registry/register");
  }

  get heartbeats(): PlatformCall[] {
    return this.calls.filter((call) => call.path === "/registry/heartbeat");
  }

  /** Records a call answered by a test's own handler. */
  record(
    path: PlatformCall["path"],
    request: Request,
    body: unknown,
    outcome: PlatformCall["outcome"],
  ): PlatformCall {
    const call = {
      index: this.calls.length,
      path,
      token: bearerToken(request.headers.get("authorization")),
      body,
      outcome,
    };
    this.calls.push(call);
    this.#events.emit("call", call);
    return call;
  }

  /** The first call (from index `after` on) that matches, waiting for it when needed. */
  waitFor(
    description: string,
    match: (call: PlatformCall) => boolean,
    after = 0,
    timeoutMs = 5000,
  ): Promise<PlatformCall> {
    const found = this.calls.slice(after).find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onCall = (call: PlatformCall) => {
        if (!match(call)) return;
        clearTimeout(timer);
        this.#events.off("call", onCall);
        resolve(call);
      };
      const timer = setTimeout(() => {
        this.#events.off("call", onCall);
        const seen = this.calls.map((c) => `${c.path}:${c.outcome}`).join(", ");
        reject(new Error(`[test] no platform call "${description}" within ${timeoutMs} ms; calls: ${seen}`));
      }, timeoutMs);
      this.#events.on("call", onCall);
    });
  }

  async #answer(request: Request, path: PlatformCall["path"]): Promise<Response> {
    const body: unknown = await request.json();
    if (this.down) {
      this.record(path, request, body, "network-error");
      return HttpResponse.error();
    }
    const token = bearerToken(request.headers.get("authorization"));
    const bootstrap = this.liveTokens.size === 0;
    if (!bootstrap && !(token !== undefined && this.liveTokens.has(token))) {
      this.record(path, request, body, 401);
      const error =
        token === undefined ? PlatformMessages.missingWorkspaceToken : PlatformMessages.invalidWorkspaceToken;
      return HttpResponse.json({ error }, { status: 401 });
    }
    this.record(path, request, body, 200);
    if (path === "/registry/heartbeat") {
      const known = this.#inboundSecret !== undefined;
      return HttpResponse.json({
        status: "ok",
        generation: known ? 1 : 0,
        platform_inbound_secret: this.#inboundSecret ?? mintToken(),
      });
    }
    const minted = bootstrap ? mintToken() : undefined;
    if (minted) this.liveTokens.add(minted);
    this.#inboundSecret ??= mintToken();
    return HttpResponse.json({
      status: "registered",
      delivery_mode: "push",
      platform_inbound_secret: this.#inboundSecret,
      ...(minted ? { auth_token: minted } : {}),
    });
  }
}

/** Collects the runtime's log events and waits for one. */
export class LogCollector {
  readonly events: StubLogEvent[] = [];
  readonly #emitter = new EventEmitter();
  readonly logger = (event: StubLogEvent) => {
    this.events.push(event);
    this.#emitter.emit("event", event);
  };

  get lines(): string[] {
    return this.events.map((event) => event.message);
  }

  waitFor(pattern: RegExp, timeoutMs = 5000): Promise<StubLogEvent> {
    const found = this.events.find((event) => pattern.test(event.message));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onEvent = (event: StubLogEvent) => {
        if (!pattern.test(event.message)) return;
        clearTimeout(timer);
        this.#emitter.off("event", onEvent);
        resolve(event);
      };
      const timer = setTimeout(() => {
        this.#emitter.off("event", onEvent);
        reject(
          new Error(
            `[test] no log line matching ${pattern} within ${timeoutMs} ms; got:\n${this.lines.join("\n")}`,
          ),
        );
      }, timeoutMs);
      this.#emitter.on("event", onEvent);
    });
  }
}
