import { PlatformMessages as M, workspaceContainerName } from "@molecule-ctk/contract";
import type { PlatformContext } from "../context/platform-context.js";
import { errorReply, type HttpReply } from "../http/http-reply.js";
import { isExternal, type WorkspaceRecord } from "../state/workspace-record.js";
import { isSafeURL } from "../url-safety/url-safety.js";

/** Where to send a workspace's A2A: a checked URL, "settling" (queue it), or an answer to give now. */
export type A2ATarget =
  | { kind: "url"; url: string; bearer?: string }
  | { kind: "settling" }
  | { kind: "reply"; reply: HttpReply };

/**
 * `resolveAgentURL` (contract 7.4): the stored URL, or the no-URL answers by status; the
 * `http://127.0.0.1:` → `http://ws-<id>:8000` rewrite when a provisioner is wired and the mock platform runs
 * in Docker; then `isSafeURL`, retried while a docker-DNS name settles (core#4548).
 */
export async function resolveA2ATarget(ctx: PlatformContext, row: WorkspaceRecord): Promise<A2ATarget> {
  const { options, timers, state } = ctx;
  if (!row.url) {
    if (row.status === "hibernated") {
      return {
        kind: "reply",
        reply: errorReply(503, M.waking, { waking: true, retry_after: 15 }, { "retry-after": "15" }),
      };
    }
    if (row.status === "provisioning" || row.status === "awaiting_agent") return { kind: "settling" };
    return { kind: "reply", reply: errorReply(503, M.workspaceHasNoUrl, { status: row.status }) };
  }
  let url = row.url;
  if (url.startsWith("http://127.0.0.1:") && options.provisioner && options.inDocker) {
    url = `http://${workspaceContainerName(row.id)}:8000`;
  }
  let check = await isSafeURL(url, options);
  for (let attempt = 1; !check.ok && check.dnsFailure && attempt < options.ssrfRetry.attempts; attempt++) {
    await timers.sleep(options.ssrfRetry.delayMs);
    check = await isSafeURL(url, options);
  }
  if (!check.ok) return { kind: "reply", reply: errorReply(502, M.workspaceNotRoutable) };
  const bearer = options.a2aAlwaysAuth || isExternal(row) ? state.inboundSecret(row.id) : undefined;
  return { kind: "url", url, ...(bearer ? { bearer } : {}) };
}
