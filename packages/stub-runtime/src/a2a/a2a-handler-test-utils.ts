import { TEST_WORKSPACE_ID } from "../stub-runtime-test-utils.js";
import { type A2AHandler, type A2AHandlerOptions, createA2AHandler } from "./a2a-handler.js";

/** A handler for in-process tests: no port, no platform. */
export function testHandler(options: Partial<A2AHandlerOptions> = {}): A2AHandler {
  return createA2AHandler({
    workspaceId: TEST_WORKSPACE_ID,
    url: "http://localhost:40123",
    configPath: "/nonexistent-config-dir",
    ...options,
  });
}

/** POSTs a body (JSON-encoded unless a string) to the handler. */
export function post(
  handler: A2AHandler,
  body: unknown,
  path = "/",
  headers: Record<string, string> = {},
): Promise<Response> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return handler.handle(
    new Request(`http://stub.test${path}`, {
      method: "POST",
      body: text,
      headers: { "content-type": "application/json", ...headers },
    }),
  );
}

/** GETs a path from the handler. */
export function get(
  handler: A2AHandler,
  path: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return handler.handle(new Request(`http://stub.test${path}`, { headers }));
}

/** Calls one JSON-RPC method and returns the parsed answer; `version` sets the `A2A-Version` header. */
export async function rpc(
  handler: A2AHandler,
  method: string,
  params: unknown,
  options: { id?: unknown; version?: string } = {},
): Promise<Record<string, unknown>> {
  const headers: Record<string, string> =
    options.version === undefined ? {} : { "a2a-version": options.version };
  const response = await post(handler, { jsonrpc: "2.0", id: options.id ?? 1, method, params }, "/", headers);
  return (await response.json()) as Record<string, unknown>;
}

/** A v1.0 `SendMessage` params object with a user text message. */
export function sendMessageParams(
  extra: Record<string, unknown> = {},
  configuration?: Record<string, unknown>,
) {
  return {
    message: { messageId: "m-1", role: "ROLE_USER", parts: [{ text: "ping" }], ...extra },
    ...(configuration === undefined ? {} : { configuration }),
  };
}

/** A `message/send` request with a user text message. */
export function messageSend(id: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    jsonrpc: "2.0",
    id,
    method: "message/send",
    params: {
      message: { role: "user", parts: [{ kind: "text", text: "ping" }], messageId: "m-1", ...extra },
    },
  };
}
