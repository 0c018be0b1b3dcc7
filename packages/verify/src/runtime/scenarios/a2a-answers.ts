import { randomUUID } from "node:crypto";
import { A2AQueuedResponse, QueueStatusResponse } from "@molecule-ctk/contract";
import { fail, pass, skip } from "../checks/check-recorder.js";
import {
  type HttpAnswer,
  judgeAgentCard,
  judgeJsonRpcError,
  judgeMessageSend,
} from "../judges/a2a-judges.js";
import type { ProvisionedWorkspace, RunContext } from "./run-context.js";

const JSON_HEADERS = { "content-type": "application/json" };

/**
 * A2A as the platform's callers see it (contract 7): `message/send` through the proxy, as the lifecycle
 * harness sends it (a workspace token and `X-Workspace-ID`, a full envelope whose id must come back),
 * then the agent card and JSON-RPC's error answers, asked of the runtime directly.
 */
export async function runA2AAnswers(run: RunContext, workspace: ProvisionedWorkspace): Promise<void> {
  const { session, checks } = run;
  run.progress("A2A and JSON-RPC answers");
  const sentId = `verify-${randomUUID()}`;
  const answer = await sendThroughProxy(run, workspace, {
    jsonrpc: "2.0",
    id: sentId,
    method: "message/send",
    params: {
      message: {
        kind: "message",
        role: "user",
        messageId: randomUUID(),
        parts: [{ kind: "text", text: "ping from molecule-ctk verify runtime" }],
      },
    },
  });
  const noAnswer = skip("not checked: message/send got no answer (see a2a.message-send)");
  const verdicts =
    "problem" in answer
      ? {
          messageSend: fail(`message/send through the platform's proxy got no answer (${answer.problem})`),
          roleAgent: noAnswer,
          partsKind: noAnswer,
          idPreserved: noAnswer,
        }
      : judgeMessageSend(answer, sentId);
  checks.record("a2a.message-send", verdicts.messageSend);
  checks.record("a2a.role-agent", verdicts.roleAgent);
  checks.record("a2a.parts-kind", verdicts.partsKind);
  checks.record("a2a.id-preserved", verdicts.idPreserved);

  const card = await session.direct(workspace.id, "/.well-known/agent-card.json", { method: "GET" });
  checks.record(
    "a2a.agent-card",
    "problem" in card ? judgeAgentCard(undefined, card.problem) : judgeAgentCard(card),
  );

  const post = (body: string) =>
    session.direct(workspace.id, "/", { method: "POST", headers: JSON_HEADERS, body });
  const probe = async (
    name: string,
    body: string,
    code: number,
    id: string | null | undefined,
    fix: string,
  ) => {
    const answered = await post(body);
    return "problem" in answered
      ? judgeJsonRpcError(name, undefined, code, id, fix, answered.problem)
      : judgeJsonRpcError(name, answered, code, id, fix);
  };
  checks.record(
    "jsonrpc.parse-error",
    await probe(
      "a body that is not JSON",
      "{not json",
      -32700,
      null,
      "answer a body that does not parse with -32700 and id null, never with a result",
    ),
  );
  const invalid = [
    await probe(
      "a request without method",
      JSON.stringify({ jsonrpc: "2.0", id: "verify-no-method" }),
      -32600,
      "verify-no-method",
      "answer a request object without a method with -32600, never as message/send",
    ),
    await probe(
      'a request with jsonrpc "1.0"',
      JSON.stringify({ jsonrpc: "1.0", id: "verify-old", method: "message/send", params: {} }),
      -32600,
      undefined,
      'answer a request whose jsonrpc is not "2.0" with -32600',
    ),
  ];
  checks.record(
    "jsonrpc.invalid-request",
    invalid.find((v) => v.status === "fail") ?? pass(invalid.map((v) => v.detail).join("; ")),
  );
  checks.record(
    "jsonrpc.method-not-found",
    await probe(
      "an unknown method",
      JSON.stringify({ jsonrpc: "2.0", id: "verify-unknown", method: "verify/no-such-method", params: {} }),
      -32601,
      "verify-unknown",
      "answer a method you do not serve with -32601 and the request's id (the platform also sends signals/restart_pending)",
    ),
  );
  checks.record(
    "jsonrpc.invalid-params",
    await probe(
      "message/send with a message that is a string",
      JSON.stringify({
        jsonrpc: "2.0",
        id: "verify-params",
        method: "message/send",
        params: { message: "hi" },
      }),
      -32602,
      "verify-params",
      "check message/send's params and answer bad ones with -32602 naming the field",
    ),
  );
}

/** POSTs through the proxy; a 202 queued answer is followed on the queue route until it completes. */
async function sendThroughProxy(
  run: RunContext,
  workspace: ProvisionedWorkspace,
  envelope: unknown,
): Promise<HttpAnswer | { problem: string }> {
  const { session } = run;
  const headers = { "x-workspace-id": workspace.id };
  const path = `/workspaces/${workspace.id}/a2a`;
  const answer = await session.api("POST", path, { token: workspace.apiToken, body: envelope, headers });
  if ("problem" in answer || answer.status !== 202) return answer;
  const queued = A2AQueuedResponse.safeParse(JSON.parse(answer.text));
  if (!queued.success) return answer;
  const done = await session.until(async () => {
    const status = await session.api("GET", `${path}/queue/${queued.data.queue_id}`, {
      token: workspace.apiToken,
      headers,
    });
    if ("problem" in status) return undefined;
    const item = QueueStatusResponse.safeParse(JSON.parse(status.text));
    return item.success && ["completed", "failed", "dropped"].includes(item.data.status)
      ? item.data
      : undefined;
  }, session.timings.settleMs * 3);
  if (done?.status !== "completed")
    return { problem: `the proxy queued it and it did not complete (${done?.status ?? "still queued"})` };
  const body = done.response_body;
  return { status: 200, text: typeof body === "string" ? body : JSON.stringify(body) };
}
