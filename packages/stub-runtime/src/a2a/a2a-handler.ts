import { buildJsonRpcError, STUB_REPLY_TEXT } from "@molecule-ctk/contract";
import type { StubResultMode } from "../config.js";
import { jsonResponse, readBodyWithin } from "../http/json-response.js";
import { loadSchedules } from "../schedules.js";
import type { Report } from "../stub-logger.js";
import { createA2AMethods } from "./a2a-methods.js";
import { buildStubRuntimeAgentCard } from "./agent-card.js";
import { dispatchJsonRpc, type JsonRpcMethod } from "./json-rpc-dispatcher.js";
import { InMemoryTaskStore } from "./task-store.js";

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
  maxBodyBytes?: number;
  /** Extra or replacing JSON-RPC methods. */
  methods?: ReadonlyMap<string, JsonRpcMethod>;
  report?: Report;
}

/** The stub's whole HTTP behaviour as one fetch-style handler; adapters serve it. */
export interface A2AHandler {
  handle(request: Request): Promise<Response>;
  /** `message/send` calls being answered plus tasks still working. */
  readonly activeTasks: number;
  /** Stops pending task completions. */
  close(): void;
}

const CARD_PATHS = new Set(["/.well-known/agent-card.json", "/.well-known/agent.json"]);

/**
 * Creates the stub's handler: POST on any path is JSON-RPC 2.0 / A2A v0.3; GET serves the agent card
 * (`/.well-known/agent-card.json`, legacy `/.well-known/agent.json`), `/internal/schedules`, and the
 * reference's health JSON everywhere else (contract 10.5, 10.8).
 */
export function createA2AHandler(options: A2AHandlerOptions): A2AHandler {
  const reply = options.reply ?? STUB_REPLY_TEXT;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const report = options.report ?? (() => {});
  const tasks = new InMemoryTaskStore({
    reply,
    taskMs: options.taskMs ?? 1000,
    ...(options.taskLimit === undefined ? {} : { limit: options.taskLimit }),
  });
  let inFlight = 0;
  const methods = createA2AMethods({
    reply,
    result: options.result ?? "message",
    replyDelayMs: options.replyDelayMs ?? 0,
    tasks,
    onInFlight: (delta) => {
      inFlight += delta;
    },
    onDelay: (ms) => report(`message/send: replying in ${ms} ms`),
  });
  for (const [name, method] of options.methods ?? []) methods.set(name, method);
  const onFault = (error: unknown, method: string) =>
    report(`internal error in ${method}: ${error instanceof Error ? error.message : String(error)}`);

  async function post(request: Request): Promise<Response> {
    const body = await readBodyWithin(request, maxBodyBytes);
    if (body.kind === "too-large") {
      const error = buildJsonRpcError("InvalidRequest", { detail: `body exceeds ${maxBodyBytes} bytes` });
      return jsonResponse(413, error, { connection: "close" });
    }
    if (body.kind === "not-utf8")
      return jsonResponse(200, buildJsonRpcError("ParseError", { detail: "body is not UTF-8" }));
    const answer = await dispatchJsonRpc(body.text, methods, onFault);
    // Notifications get nothing back; 204 has no body, so no Content-Length either (RFC 9110).
    if (answer === undefined)
      return new Response(null, { status: 204, headers: { "content-type": "application/json" } });
    return jsonResponse(200, answer);
  }

  async function get(path: string): Promise<Response> {
    if (CARD_PATHS.has(path)) {
      const url = typeof options.url === "function" ? options.url() : options.url;
      return jsonResponse(200, buildStubRuntimeAgentCard({ workspaceId: options.workspaceId, url, reply }));
    }
    if (path === "/internal/schedules") return jsonResponse(200, await loadSchedules(options.configPath));
    return jsonResponse(200, { status: "ok", stub: true, workspace_id: options.workspaceId });
  }

  return {
    async handle(request) {
      try {
        const path = new URL(request.url).pathname.replace(/\/+$/, "") || "/";
        if (request.method === "POST") return await post(request);
        if (request.method === "GET" || request.method === "HEAD") return await get(path);
        return jsonResponse(
          405,
          { error: `method ${request.method} not allowed: use GET or POST` },
          { allow: "GET, HEAD, POST" },
        );
      } catch (error) {
        report(`internal error answering ${request.method} ${request.url}: ${(error as Error).message}`);
        return jsonResponse(500, buildJsonRpcError("InternalError"));
      }
    },
    get activeTasks() {
      return inFlight + tasks.activeCount;
    },
    close() {
      tasks.close();
    },
  };
}
