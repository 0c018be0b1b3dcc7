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
export function post(handler: A2AHandler, body: unknown, path = "/"): Promise<Response> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return handler.handle(
    new Request(`http://stub.test${path}`, {
      method: "POST",
      body: text,
      headers: { "content-type": "application/json" },
    }),
  );
}

/** GETs a path from the handler. */
export function get(handler: A2AHandler, path: string): Promise<Response> {
  return handler.handle(new Request(`http://stub.test${path}`));
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
