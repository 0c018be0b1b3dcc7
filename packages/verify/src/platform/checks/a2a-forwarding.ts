import type { PlatformResponse } from "@molecule-ctk/contract";
import type { ForwardedRequest } from "../agent-listener.js";
import type { CheckContext, PlayedRuntime } from "../check-context.js";
import { type CheckOutcome, type Findings, seen, skip } from "../platform-check.js";

export type Json = Record<string, unknown>;
export const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
export const messageOf = (envelope: unknown): Json | undefined => {
  const params = isObject(envelope) ? envelope.params : undefined;
  return isObject(params) && isObject(params.message) ? params.message : undefined;
};

/** A runtime registered at a URL the proxy can dispatch to, or the skip saying why there is none. */
export async function dispatchRuntime(ctx: CheckContext): Promise<PlayedRuntime | CheckOutcome> {
  if (!("host" in ctx.dispatch)) return skip(ctx.dispatch.reason);
  return ctx.runtime({ url: (id) => ctx.dispatchUrl(`/ws/${id}`)! });
}

/** Sends through the proxy as the workspace itself and returns the answer and what reached the agent. */
export async function forward(
  ctx: CheckContext,
  f: Findings,
  runtime: PlayedRuntime,
  body: unknown,
  what: string,
): Promise<{ answer: PlatformResponse; forwarded: ForwardedRequest | undefined }> {
  const path = new URL(runtime.url).pathname;
  const before = ctx.agent.requestsTo(path).length;
  const answer = await ctx.selfCall(runtime, body);
  const forwarded = ctx.agent.requestsTo(path)[before];
  f.expect(
    forwarded !== undefined,
    `${what}: the proxy answered ${seen(answer)} and the agent at ${runtime.url} received nothing (can the platform reach --agent-host?)`,
  );
  return { answer, forwarded };
}
