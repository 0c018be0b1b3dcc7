import { resolveRegisterUrl } from "@molecule-ctk/contract";
import { type A2AHandler, createA2AHandler } from "./a2a/a2a-handler.js";
import type { StubConfig } from "./config.js";
import { startHttpServer } from "./http/http-adapter.js";
import { materializePlugins } from "./plugins.js";
import { runHeartbeatLoop } from "./registry/heartbeat-loop.js";
import { PlatformMemory } from "./registry/platform-memory.js";
import { RegisterLoop } from "./registry/register-loop.js";
import { RegistryClient } from "./registry/registry-client.js";
import { TokenSource } from "./registry/token-source.js";
import { materializeSchedules } from "./schedules.js";
import { createReport, type StubLogger } from "./stub-logger.js";

export interface StubRuntimeOptions {
  config: StubConfig;
  /** Receives one event per line-worthy happening; main prints them. */
  logger?: StubLogger;
  /** Listen address (default 0.0.0.0). */
  host?: string;
  /** How long close() waits for in-flight requests before cutting them (default 5000 ms). */
  drainTimeoutMs?: number;
  /** Epoch ms that `uptime_seconds` counts from (default: process start). */
  startedAt?: number;
}

export interface StartedStubRuntime {
  /** `http://127.0.0.1:<port>`: where this process reaches the stub. */
  readonly url: string;
  readonly port: number;
  /** The `url` sent to register and shown in the agent card. */
  readonly registerUrl: string;
  readonly handler: A2AHandler;
  readonly tokens: TokenSource;
  /** Stops accepting, drains in-flight requests, stops the loops (aborting platform calls). Idempotent. */
  close(): Promise<void>;
}

/**
 * Boots a stub runtime the way the reference does (contract 10.3): materialise plugins and schedules,
 * listen, then register in the background while heartbeats start at once.
 */
export async function startStubRuntime(options: StubRuntimeOptions): Promise<StartedStubRuntime> {
  const { config, logger } = options;
  const { runtime } = config;
  const host = options.host ?? "0.0.0.0";
  const startedAt = options.startedAt ?? performance.timeOrigin;
  const boot = createReport(logger, "boot");
  boot(
    `booting: platform=${runtime.platformUrl} config=${runtime.configPath} hostname=${runtime.hostname ?? ""}`,
  );
  await materializePlugins(runtime.configPath, runtime.declaredPlugins, createReport(logger, "plugins"));
  await materializeSchedules(runtime.configPath, createReport(logger, "schedules"));

  let registerUrl = resolveRegisterUrl(runtime, config.port);
  const handler = createA2AHandler({
    workspaceId: runtime.workspaceId,
    url: () => registerUrl,
    configPath: runtime.configPath,
    reply: config.reply,
    result: config.result,
    replyDelayMs: config.replyDelayMs,
    taskMs: config.taskMs,
    versions: config.a2aVersions,
    report: createReport(logger, "a2a"),
  });
  const http = await startHttpServer(handler, host, config.port);
  registerUrl = resolveRegisterUrl(runtime, http.port);
  boot(`listening on :${http.port} (register url ${registerUrl})`);

  const abort = new AbortController();
  const client = new RegistryClient({
    platformUrl: runtime.platformUrl,
    requestTimeoutMs: config.requestTimeoutMs,
    signal: abort.signal,
  });
  const tokens = new TokenSource(runtime.tokenFile);
  const memory = new PlatformMemory();
  const registerLoop = new RegisterLoop({
    client,
    tokens,
    memory,
    workspaceId: runtime.workspaceId,
    registerUrl,
    attempts: config.registerAttempts,
    delayMs: config.registerDelayMs,
    signal: abort.signal,
    report: createReport(logger, "register"),
  });
  void registerLoop.start();
  const heartbeatReport = createReport(logger, "heartbeat");
  const heartbeats = runHeartbeatLoop({
    client,
    tokens,
    registerLoop,
    memory,
    workspaceId: runtime.workspaceId,
    intervalMs: config.heartbeatIntervalMs,
    stats: () => ({
      uptimeSeconds: (Date.now() - startedAt) / 1000,
      errorRate: config.errorRate,
      sampleError: config.sampleError,
      activeTasks: config.activeTasks + handler.activeTasks,
    }),
    signal: abort.signal,
    report: heartbeatReport,
  }).catch((error: unknown) =>
    heartbeatReport(`heartbeat loop stopped by an internal error: ${(error as Error).message}`),
  );

  let closed: Promise<void> | undefined;
  const shutdown = createReport(logger, "shutdown");
  return {
    url: `http://127.0.0.1:${http.port}`,
    port: http.port,
    registerUrl,
    handler,
    tokens,
    close() {
      closed ??= (async () => {
        abort.abort();
        await Promise.all([http.close(options.drainTimeoutMs ?? 5000), heartbeats, registerLoop.whenIdle()]);
        handler.close();
        shutdown("stopped");
      })();
      return closed;
    },
  };
}
