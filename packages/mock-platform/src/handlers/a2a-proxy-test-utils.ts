// Shared by the A2A proxy tests: the harness's body, fake agents closed after each test, a
// registered workspace, and a self-call as the harness sends it.
import { randomUUID } from "node:crypto";
import { afterEach } from "vitest";
import { call, createWorkspace, registerBody, startFakeAgent } from "../platform-test-utils.js";

/** The body the lifecycle harness posts (contract 12.2 step 5). */
export const HARNESS_BODY = {
  method: "message/send",
  params: { message: { role: "user", parts: [{ type: "text", text: "ping" }] } },
};

/** Fake agents for one test file, each closed after its test. */
export function useFakeAgents() {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });
  return async function agent(respond?: Parameters<typeof startFakeAgent>[0]) {
    const started = await startFakeAgent(respond);
    closers.push(started.close);
    return started;
  };
}

/** A workspace registered at `url`, with an api token (the harness's self-call credentials). */
export async function workspaceAt(url: string) {
  const { id, token } = await createWorkspace({ name: `ws-${randomUUID().slice(0, 8)}` });
  const reg = await call("POST", "/registry/register", { body: registerBody(id, url) });
  return { id, token, instanceToken: reg.body.auth_token as string };
}

/** `POST /workspaces/:id/a2a` with `X-Workspace-ID: id` and, when given, the bearer. */
export const send = (
  id: string,
  token: string | undefined,
  body: unknown = HARNESS_BODY,
  headers: Record<string, string> = {},
) =>
  call("POST", `/workspaces/${id}/a2a`, {
    body,
    ...(token ? { token } : {}),
    headers: { "x-workspace-id": id, ...headers },
  });
