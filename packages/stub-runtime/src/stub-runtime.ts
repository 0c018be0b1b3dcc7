import { resolveRegisterUrl } from "@molecule-ctk/contract";
import { type A2AHandler, createA2AHandler } from "./a2a/a2a-handler.js";
import type { StubConfig } from "./config.js";
import { withA2ADefect } from "./defects/a2a-defects.js";
import { refuseReusedVolume } from "./defects/reused-volume.js";
import { STUB_DEFECTS, stubBehaviour, wireBody } from "./defects/stub-defects.js";
import { type StartedHttpServer, startHttpServer } from "./http/http-adapter.js";
import { materializePlugins } from "./plugins.js";
import { runHeartbeatLoop } from "./registry/heartbeat-loop.js";
import { PlatformMemory } from "./registry/platform-memory.js";
import { RegisterLoop } from "./registry/register-loop.js";
import { RegistryClient } from "./registry/registry-client.js";
import { TokenSource } from "./registry/token-source.js";
import { materializeSchedules } from "./schedules.js";
import { createReport, type StubLogger } from "./stub-logger.js";
import { StubRuntimeError } from "./stub-runtime-error.js";

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
  const behaviour = stubBehaviour(config.defect);
  if (config.defect !== undefined) {
    boot(
      `STUB_DEFECT=${config.defect}: ${STUB_DEFECTS[config.defect]} (a test affordance: this runtime breaks the contract on purpose)`,
    );
  }
  if (!behaviour.bootOnReusedVolume) await refuseReusedVolume(runtime.configPath);
  await materializePlugins(runtime.configPath, runtime.declaredPlugins, createReport(logger, "plugins"));
  await materializeSchedules(runtime.configPath, createReport(logger, "schedules"));

  const advertisedUrl = (port: number) =>
    behaviour.registerAdvertisedUrl ? resolveRegisterUrl(runtime, port) : "http://localhost:8000";
  let registerUrl = advertisedUrl(config.port);
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
  const served = behaviour.a2a ? withA2ADefect(handler, behaviour.a2a, config.reply) : handler;
  const listen = async () => {
    const started = await startHttpServer(served, host, config.port);
    registerUrl = advertisedUrl(started.port);
    boot(`listening on :${started.port} (register url ${registerUrl})`);
    return started;
  };
  let http: StartedHttpServer | undefined;
  if (behaviour.listenBeforeRegister) http = await listen();

  const abort = new AbortController();
  const wireDefect = behaviour.wireBody;
  const client = new RegistryClient({
    platformUrl: runtime.platformUrl,
    requestTimeoutMs: config.requestTimeoutMs,
    signal: abort.signal,
    bearerOn: behaviour.bearerOn,
    bearerWhenNone: behaviour.bearerWhenNone,
    ...(wireDefect ? { wireBody: (path: string, body: object) => wireBody(wireDefect, path, body) } : {}),
  });
  const tokens = new TokenSource(runtime.tokenFile, { rereadFile: behaviour.rereadTokenFile });
  const memory = new PlatformMemory();
  const registerLoop = new RegisterLoop({
    client,
    tokens,
    memory,
    workspaceId: runtime.workspaceId,
    registerUrl,
    attempts: behaviour.exitIfPlatformDownAtBoot ? 1 : config.registerAttempts,
    delayMs: config.registerDelayMs,
    signal: abort.signal,
    report: createReport(logger, "register"),
    keepIssuedToken: behaviour.keepIssuedToken,
  });
  const firstRegister = registerLoop.start();
  if (!behaviour.listenBeforeRegister || behaviour.exitIfPlatformDownAtBoot) {
    const registered = await firstRegister;
    if (!registered && behaviour.exitIfPlatformDownAtBoot) {
      abort.abort();
      await http?.close(0);
      throw new StubRuntimeError(
        "[stub-runtime] the first register failed: exiting (STUB_DEFECT exit-if-platform-down)",
      );
    }
  }
  http ??= await listen();
  const heartbeatReport = createReport(logger, "heartbeat");
  const heartbeats = behaviour.heartbeats
    ? runHeartbeatLoop({
        client,
        tokens,
        registerLoop,
        memory,
        workspaceId: runtime.workspaceId,
        intervalMs: config.heartbeatIntervalMs * behaviour.beatIntervalFactor,
        firstBeatDelayMs: config.heartbeatIntervalMs * behaviour.firstBeatDelayIntervals,
        stopOn: behaviour.stopBeatsOn,
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
      )
    : Promise.resolve();
  const server = http;

  let closed: Promise<void> | undefined;
  const shutdown = createReport(logger, "shutdown");
  return {
    url: `http://127.0.0.1:${server.port}`,
    port: server.port,
    registerUrl,
    handler,
    tokens,
    close() {
      closed ??= (async () => {
        abort.abort();
        await Promise.all([
          server.close(options.drainTimeoutMs ?? 5000),
          heartbeats,
          registerLoop.whenIdle(),
        ]);
        handler.close();
        shutdown("stopped");
      })();
      return closed;
    },
  };
}
