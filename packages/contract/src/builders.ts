import { randomUUID } from "node:crypto";
import { A2AErrorCodes, type A2AErrorName } from "./a2a/error-codes.js";
import type { JsonRpcErrorResponse, JsonRpcId } from "./a2a/json-rpc.js";
import type { Message } from "./a2a/message.js";
import type { MessageSendSuccessResponse } from "./a2a/message-send.js";
import type { HeartbeatRequest } from "./heartbeat.js";
import type { DeliveryMode } from "./primitives.js";
import type { RegisterAgentCard, RegisterRequest } from "./registry.js";
import type { RuntimeConfig } from "./runtime-env.js";

/** The card description the upstream stub registers with (contract 4.1). */
export const STUB_CARD_DESCRIPTION = "stub runtime (e2e lifecycle)";

/** The reply text of the upstream stub, asserted by the lifecycle harness (contract 10.5). */
export const STUB_REPLY_TEXT = "STUB OK";

/** The minimal card the upstream stub registers: `{name: <workspace id>, description, skills: []}`. */
export function buildStubAgentCard(workspaceId: string): RegisterAgentCard {
  return { name: workspaceId, description: STUB_CARD_DESCRIPTION, skills: [] };
}

/** A `POST /registry/register` body for a runtime, shaped as the upstream stub sends it (contract 10.4). */
export function buildRegisterRequest(
  config: Pick<RuntimeConfig, "workspaceId">,
  options: { url: string; agentCard?: RegisterAgentCard; deliveryMode?: DeliveryMode },
): RegisterRequest {
  return {
    id: config.workspaceId,
    url: options.url,
    delivery_mode: options.deliveryMode ?? "push",
    agent_card: options.agentCard ?? buildStubAgentCard(config.workspaceId),
  };
}

export interface HeartbeatStats {
  uptimeSeconds: number;
  errorRate?: number;
  sampleError?: string;
  activeTasks?: number;
  currentTask?: string;
}

/** A `POST /registry/heartbeat` body with the six fields the upstream stub sends (contract 10.4). */
export function buildHeartbeatRequest(
  config: Pick<RuntimeConfig, "workspaceId">,
  stats: HeartbeatStats,
): HeartbeatRequest {
  return {
    workspace_id: config.workspaceId,
    error_rate: stats.errorRate ?? 0,
    sample_error: stats.sampleError ?? "",
    active_tasks: stats.activeTasks ?? 0,
    uptime_seconds: Math.max(0, Math.floor(stats.uptimeSeconds)),
    current_task: stats.currentTask ?? "",
  };
}

/** An agent message with one text part and a fresh `messageId`. */
export function buildAgentMessage(options: { text: string; contextId?: string; taskId?: string }): Message {
  return {
    kind: "message",
    role: "agent",
    parts: [{ kind: "text", text: options.text }],
    messageId: randomUUID(),
    ...(options.contextId === undefined ? {} : { contextId: options.contextId }),
    ...(options.taskId === undefined ? {} : { taskId: options.taskId }),
  };
}

/**
 * The canned `message/send` reply: a JSON-RPC success whose result is an agent message with one
 * text part (default `STUB OK`), keeping the request's id and contextId (contract 10.5).
 */
export function buildAgentReply(options: {
  id: JsonRpcId;
  text?: string;
  contextId?: string;
  taskId?: string;
}): MessageSendSuccessResponse {
  const { id, text = STUB_REPLY_TEXT, ...rest } = options;
  return { jsonrpc: "2.0", id, result: buildAgentMessage({ text, ...rest }) };
}

export function buildJsonRpcSuccess<R>(
  id: JsonRpcId,
  result: R,
): { jsonrpc: "2.0"; id: JsonRpcId; result: R } {
  return { jsonrpc: "2.0", id, result };
}

/**
 * A JSON-RPC error response from a code name and an optional detail: the message is the table's
 * (`method not found`) followed by the detail (`method not found: tasks/resubscribe`).
 */
export function buildJsonRpcError(
  name: A2AErrorName,
  options: { id?: JsonRpcId; detail?: string; data?: unknown } = {},
): JsonRpcErrorResponse {
  const entry = A2AErrorCodes[name];
  const message = options.detail ? `${entry.message}: ${options.detail}` : entry.message;
  return {
    jsonrpc: "2.0",
    id: options.id ?? null,
    error: { code: entry.code, message, ...(options.data === undefined ? {} : { data: options.data }) },
  };
}
