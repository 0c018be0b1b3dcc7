import {
  A2A_VERSION_HEADER,
  type A2AProtocolVersion,
  buildJsonRpcError,
  STUB_REPLY_TEXT,
} from "@molecule-ctk/contract";
import type { StubResultMode } from "../config.js";
import {
  handleFetch,
  jsonReply,
  type StubHttpHandler,
  type StubReply,
  type StubRequest,
} from "../http/stub-exchange.js";
import { loadSchedules } from "../schedules.js";
import type { Report } from "../stub-logger.js";
import { createA2AMethods, createA2AV03Dialect } from "./a2a-methods.js";
import { type A2ADialects, cardVersionFor, routeA2ARequest } from "./a2a-router.js";
import { createA2AService } from "./a2a-service.js";
import { buildStubRuntimeAgentCard, buildStubRuntimeV1AgentCard } from "./agent-card.js";
import {
  dispatchJsonRpc,
  JSON_RPC_LIMITS,
  type JsonRpcLimits,
  type JsonRpcMethod,
} from "./json-rpc-dispatcher.js";
import { InMemoryTaskStore, type TaskStoreOptions } from "./task-store.js";
import { createA2AV1Dialect, createA2AV1Methods } from "./v1/v1-methods.js";

/** The largest request body the stub reads: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What the stub's HTTP surface answers with. */
export interface A2AHandlerOptions {
  workspaceId: string;
  /** The URL in the agent card (the register URL); a function when it is known only after listening. */
  url: string | (() => string);
  /** The config volume, read for `GET /internal/schedules`. */
  configPath: string;
  reply?: string;
  result?: StubResultMode;
  replyDelayMs?: number;
  taskMs?: number;
  /** Tasks kept for `tasks/get` (default 1000). */
  taskLimit?: number;
  /** Bounds of the task store in bytes (defaults in `TASK_STORE_LIMITS`). */
  taskBytes?: Pick<TaskStoreOptions, "maxBytes" | "maxTaskBytes">;
  maxBodyBytes?: number;
  /** Batch and nesting bounds (defaults in `JSON_RPC_LIMITS`). */
  jsonRpcLimits?: Partial<JsonRpcLimits>;
  /** The A2A versions spoken (default both). */
  versions?: readonly A2AProtocolVersion[];
  /** Extra or replacing v0.3 JSON-RPC methods. */
  methods?: ReadonlyMap<string, JsonRpcMethod>;
  report?: Report;
}

/**
 * The stub's whole HTTP behaviour. The node:http adapter serves `answer`; `handle` is the same
 * behaviour for a fetch `Request`, for in-process callers.
 */
export interface A2AHandler extends StubHttpHandler {
  handle(request: Request): Promise<Response>;
  /** Sends being answered plus tasks still working. */
  readonly activeTasks: number;
  /** How many tasks the store keeps, and their JSON size. */
  readonly taskUsage: { tasks: number; bytes: number };
  /** Stops pending task completions. */
  close(): void;
}

/** Where the stub serves its agent card: the v0.3 path and the legacy one. */
export const CARD_PATHS: ReadonlySet<string> = new Set([
  "/.well-known/agent-card.json",
  "/.well-known/agent.json",
]);

/** A request path as the stub routes it: trailing slashes trimmed, `/` for the root. */
export const routedPath = (path: string) => path.replace(/\/+$/, "") || "/";

/**
 * Creates the stub's handler: POST on any path is JSON-RPC 2.0, A2A v0.3 and v1.0 side by side (the
 * method name or the `A2A-Version` header picks one per request); GET serves the agent card of the
 * version asked for (`/.well-known/agent-card.json`, legacy `/.well-known/agent.json`),
 * `/internal/schedules`, and the reference's health JSON everywhere else (contract 10.5, 10.8).
 */
export function createA2AHandler(options: A2AHandlerOptions): A2AHandler {
  const reply = options.reply ?? STUB_REPLY_TEXT;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const versions = options.versions ?? ["1.0", "0.3"];
  const report = options.report ?? (() => {});
  const tasks = new InMemoryTaskStore({
    reply,
    taskMs: options.taskMs ?? 1000,
    ...(options.taskLimit === undefined ? {} : { limit: options.taskLimit }),
    ...options.taskBytes,
  });
  let inFlight = 0;
  const service = createA2AService({
    reply,
    result: options.result ?? "message",
    replyDelayMs: options.replyDelayMs ?? 0,
    tasks,
    onInFlight: (delta) => {
      inFlight += delta;
    },
    onDelay: (ms) => report(`message/send: replying in ${ms} ms`),
  });
  const dialects: A2ADialects = {};
  if (versions.includes("0.3")) {
    const methods = createA2AMethods(service);
    for (const [name, method] of options.methods ?? []) methods.set(name, method);
    dialects["0.3"] = createA2AV03Dialect(methods);
  }
  if (versions.includes("1.0")) dialects["1.0"] = createA2AV1Dialect(createA2AV1Methods(service));
  const limits = { ...JSON_RPC_LIMITS, ...options.jsonRpcLimits };
  const onFault = (error: unknown, method: string) =>
    report(`internal error in ${method}: ${error instanceof Error ? error.message : String(error)}`);

  async function post(request: StubRequest): Promise<StubReply> {
    const body = await request.readBody(maxBodyBytes);
    if (body.kind === "too-large") {
      const error = buildJsonRpcError("InvalidRequest", { detail: `body exceeds ${maxBodyBytes} bytes` });
      return jsonReply(413, error, { connection: "close" });
    }
    const router = routeA2ARequest(dialects, request.header(A2A_VERSION_HEADER));
    if (body.kind === "not-utf8") {
      return jsonReply(200, router.envelope.error("ParseError", { detail: "body is not UTF-8" }));
    }
    return jsonReply(200, await dispatchJsonRpc(body.text, router, onFault, limits));
  }

  async function get(path: string, request: StubRequest): Promise<StubReply> {
    if (CARD_PATHS.has(path)) {
      const url = typeof options.url === "function" ? options.url() : options.url;
      const card = { workspaceId: options.workspaceId, url, reply, versions };
      const body =
        cardVersionFor(versions, request.header(A2A_VERSION_HEADER)) === "1.0"
          ? buildStubRuntimeV1AgentCard(card)
          : buildStubRuntimeAgentCard(card);
      return jsonReply(200, body, { vary: A2A_VERSION_HEADER });
    }
    if (path === "/internal/schedules") return jsonReply(200, await loadSchedules(options.configPath));
    return jsonReply(200, { status: "ok", stub: true, workspace_id: options.workspaceId });
  }

  const handler: A2AHandler = {
    async answer(request) {
      try {
        const path = routedPath(request.path);
        if (request.method === "POST") return await post(request);
        if (request.method === "GET" || request.method === "HEAD") return await get(path, request);
        return jsonReply(
          405,
          { error: `method ${request.method} not allowed: use GET or POST` },
          { allow: "GET, HEAD, POST" },
        );
      } catch (error) {
        report(`internal error answering ${request.method} ${request.path}: ${(error as Error).message}`);
        return jsonReply(500, buildJsonRpcError("InternalError"));
      }
    },
    handle: (request) => handleFetch(handler, request),
    get activeTasks() {
      return inFlight + tasks.activeCount;
    },
    get taskUsage() {
      return tasks.usage;
    },
    close() {
      tasks.close();
    },
  };
  return handler;
}
