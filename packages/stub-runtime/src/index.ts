// @molecule-ctk/stub-runtime owns a tiny workspace runtime that honours the Molecule platform
// contract: register and heartbeat loops, plugin and schedule materialisation, and a JSON-RPC 2.0 /
// A2A v0.3 and v1.0 server: one handler over a plain request and reply, served by a thin node:http
// adapter with no fetch objects, and also callable with a fetch `Request` (`handle`).

export type { A2AHandler, A2AHandlerOptions } from "./a2a/a2a-handler.js";
export { createA2AHandler, MAX_BODY_BYTES } from "./a2a/a2a-handler.js";
export { createA2AMethods, createA2AV03Dialect } from "./a2a/a2a-methods.js";
export type { A2ADialects } from "./a2a/a2a-router.js";
export { routeA2ARequest } from "./a2a/a2a-router.js";
export type { A2AService, A2AServiceOptions, SendOptions, TaskPage } from "./a2a/a2a-service.js";
export { createA2AService } from "./a2a/a2a-service.js";
export type { StubCardOptions } from "./a2a/agent-card.js";
export {
  buildStubRuntimeAgentCard,
  buildStubRuntimeV1AgentCard,
  STUB_RUNTIME_VERSION,
} from "./a2a/agent-card.js";
export type {
  DialectErrorOptions,
  JsonRpcDialect,
  JsonRpcLimits,
  JsonRpcMethod,
  JsonRpcRouter,
} from "./a2a/json-rpc-dispatcher.js";
export { dispatchJsonRpc, JSON_RPC_LIMITS, JsonRpcMethodError } from "./a2a/json-rpc-dispatcher.js";
export type { TaskFailure, TaskFilter, TaskStoreOptions } from "./a2a/task-store.js";
export { InMemoryTaskStore, TASK_STORE_LIMITS } from "./a2a/task-store.js";
export { createA2AV1Dialect, createA2AV1Methods } from "./a2a/v1/v1-methods.js";
export type { StubConfig, StubKnobs, StubResultMode } from "./config.js";
export { DEFAULT_KNOBS, parseStubConfig, parseStubKnobs } from "./config.js";
export type { A2ADefect, StubBehaviour, StubDefect } from "./defects/stub-defects.js";
export { isStubDefect, STUB_DEFECTS, stubBehaviour } from "./defects/stub-defects.js";
export type { FetchHandler, ServedHandler, StartedHttpServer } from "./http/http-adapter.js";
export { HTTP_LIMITS, startHttpServer } from "./http/http-adapter.js";
export type { BodyRead, StubHttpHandler, StubReply, StubRequest } from "./http/stub-exchange.js";
export { handleFetch, jsonReply } from "./http/stub-exchange.js";
export type { MaterializedPlugin } from "./plugins.js";
export { materializePlugins, pluginNameFromSource } from "./plugins.js";
export type { HeartbeatLoopOptions } from "./registry/heartbeat-loop.js";
export { runHeartbeatLoop } from "./registry/heartbeat-loop.js";
export type { RegisterLoopOptions } from "./registry/register-loop.js";
export { RegisterLoop } from "./registry/register-loop.js";
export type { PlatformCallResult, RegistryClientOptions } from "./registry/registry-client.js";
export { RegistryClient } from "./registry/registry-client.js";
export type { ChosenToken, TokenOrigin } from "./registry/token-source.js";
export { TokenSource } from "./registry/token-source.js";
export { loadSchedules, materializeSchedules, toScheduleEntries } from "./schedules.js";
export type { Report, StubLogEvent, StubLogger, StubSubsystem } from "./stub-logger.js";
export type { StartedStubRuntime, StubRuntimeOptions } from "./stub-runtime.js";
export { startStubRuntime } from "./stub-runtime.js";
export { StubConfigError, StubRuntimeError } from "./stub-runtime-error.js";
