import { A2AQueuedResponse, QueueStatusResponse } from "@molecule-ctk/contract";
import type { PlatformApiClient, PlatformResponse } from "@molecule-ctk/testcontainers";

/** The A2A body the bash harness sends (contract 12.2 step 5): no envelope, a v0.2 `type` part. */
export function harnessMessage(text: string): unknown {
  return { method: "message/send", params: { message: { role: "user", parts: [{ type: "text", text }] } } };
}

/**
 * Sends A2A through the proxy as the harness does (workspace bearer + `X-Workspace-ID`, a
 * self-call) and, when the platform answers 202 queued, follows the queue route until the item
 * completes, as the harness's Step 5 does. Returns the final status and body.
 */
export async function sendThroughProxy(
  client: PlatformApiClient,
  workspaceId: string,
  token: string,
  body: unknown,
  options: { timeoutMs?: number; pollMs?: number } = {},
): Promise<PlatformResponse & { queued: boolean }> {
  const caller = { token, callerId: workspaceId, timeoutMs: options.timeoutMs ?? 30_000 };
  const first = await client.a2a(workspaceId, body, caller);
  const queued = A2AQueuedResponse.safeParse(first.body);
  if (first.status !== 202 || !queued.success) return { ...first, queued: false };
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    const poll = await client.queueStatus(workspaceId, queued.data.queue_id, caller);
    const item = QueueStatusResponse.safeParse(poll.body);
    if (item.success && item.data.status === "completed") {
      return {
        status: 200,
        body: item.data.response_body,
        text: JSON.stringify(item.data.response_body),
        headers: poll.headers,
        queued: true,
      };
    }
    if (item.success && (item.data.status === "failed" || item.data.status === "dropped")) {
      throw new Error(
        `[e2e] queued A2A ${queued.data.queue_id} ended ${item.data.status}: ${item.data.last_error ?? ""}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
  }
  throw new Error(`[e2e] queued A2A ${queued.data.queue_id} did not complete in time`);
}
