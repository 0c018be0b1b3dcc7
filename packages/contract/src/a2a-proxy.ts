import { z } from "zod";
import { PlatformMessages as M } from "./platform-messages.js";
import { JsonObject, WorkspaceId } from "./primitives.js";

/**
 * A part of a message posted to the proxy, as upstream's SSOT (`a2a-envelope`) pins it: tagged by
 * a non-empty `kind` (any kind), `text` optional. Stricter v0.3 modelling is {@link Part}.
 */
export const A2AEnvelopePart = z
  .looseObject({
    kind: z.string().min(1).describe('The part discriminator, e.g. "text" (A2A v0.3: kind, never type).'),
    text: z.string().optional().describe('The text of a "text" part.'),
  })
  .describe("A message part, tagged by kind.");

/**
 * The message of a proxied `message/send`, as the SSOT pins it: a `role` (any string) and at least
 * one part; `messageId` optional (the proxy adds one).
 */
export const A2AEnvelopeMessage = z
  .looseObject({
    role: z.string().describe('The message role; platform-built turns use "user".'),
    messageId: z.string().optional().describe("The per-turn message id; the proxy adds one when missing."),
    parts: z.array(A2AEnvelopePart).min(1).describe("The ordered parts, at least one."),
    metadata: JsonObject.optional().describe("Per-message metadata (e.g. {concierge_warmup: true})."),
  })
  .describe("The A2A message of a proxied message/send.");

/**
 * A full `message/send` envelope posted to `POST /workspaces/:id/a2a`, as upstream's SSOT
 * (`a2a-envelope` request) pins it. The proxy itself also takes a bare `{method, params}` and v0.2
 * shapes and normalises them (contract 7.3); numeric ids pass too (the SSOT wants strings).
 */
export const A2AEnvelopeRequest = z
  .looseObject({
    jsonrpc: z.literal("2.0").describe('JSON-RPC version, "2.0".'),
    id: z
      .union([z.string(), z.number()])
      .optional()
      .describe("The JSON-RPC id; the proxy adds one to a bare body."),
    method: z.string().min(1).describe('The JSON-RPC method; the canonical verb is "message/send".'),
    params: z
      .looseObject({ message: A2AEnvelopeMessage })
      .describe("message/send params: the message, anything else passes through."),
  })
  .describe("A message/send JSON-RPC envelope posted to the A2A proxy.");
export type A2AEnvelopeRequest = z.infer<typeof A2AEnvelopeRequest>;

/** 202 of the A2A proxy when the agent is busy or settling: the request was queued (contract 7.7). */
export const A2AQueuedResponse = z
  .object({
    queued: z.literal(true).describe("Always true."),
    queue_id: z.uuid().describe("The queue item's id, for GET /workspaces/:id/a2a/queue/:queue_id."),
    queue_depth: z.int().nonnegative().describe("How many items of the workspace wait, this one included."),
    message: z.literal(M.agentBusyQueued).describe("The platform's fixed text."),
  })
  .describe("202 of POST /workspaces/:id/a2a: the request was queued for a busy or settling agent.");
export type A2AQueuedResponse = z.infer<typeof A2AQueuedResponse>;

/** The statuses of a queued A2A request (contract 7.8). */
export const QueueItemStatus = z
  .enum(["queued", "dispatched", "in_progress", "completed", "failed", "dropped"])
  .describe("The queue item's status.");
export type QueueItemStatus = z.infer<typeof QueueItemStatus>;

/**
 * `GET /workspaces/:id/a2a/queue/:queue_id` 200 body (contract 7.8). `response_body` appears only
 * once the item is `completed`.
 */
export const QueueStatusResponse = z
  .object({
    queue_id: z.uuid().describe("The queue item's id."),
    workspace_id: WorkspaceId.describe("The target workspace."),
    status: QueueItemStatus,
    priority: z.int().describe("Dispatch priority (50 for a task)."),
    attempts: z.int().nonnegative().describe("Dispatch attempts so far."),
    last_error: z.string().nullable().optional().describe("The last dispatch error, if any."),
    enqueued_at: z.string().describe("When the item was queued (timestamp)."),
    dispatched_at: z.string().nullable().optional().describe("When the item was last dispatched."),
    completed_at: z.string().nullable().optional().describe("When the item finished."),
    expires_at: z.string().nullable().optional().describe("When the item expires."),
    response_body: z.unknown().optional().describe("The agent's answer; present only once completed."),
  })
  .refine((item) => item.status === "completed" || item.response_body === undefined, {
    path: ["response_body"],
    error: "appears only when status is completed",
  })
  .describe("GET /workspaces/:id/a2a/queue/:queue_id 200 body.");
export type QueueStatusResponse = z.infer<typeof QueueStatusResponse>;

/** 503 of the proxy while the agent restarts (#4147): not queued, retry after 30 s. */
export const A2ARestartingBody = z
  .object({
    error: z.literal(M.agentRestarting).describe("The platform's fixed text."),
    busy: z.literal(true).describe("Always true."),
    retry_after: z.int().describe("Seconds to wait (30), as in the Retry-After header."),
  })
  .describe("503 of POST /workspaces/:id/a2a while the agent restarts: not queued.");

/** 503 of the proxy when the container is gone and a restart was triggered. */
export const A2AUnreachableBody = z
  .object({
    error: z.literal(M.agentUnreachableRestarting).describe("The platform's fixed text."),
    restarting: z.literal(true).describe("Always true."),
    retry_after: z.int().optional().describe("Seconds to wait (15), on the agent-5xx path only."),
  })
  .describe("503 of POST /workspaces/:id/a2a: the container is gone and a restart was triggered.");

/** 503 of the proxy for a workspace with no URL; `status` is the row's status. */
export const A2ANoUrlBody = z
  .object({
    error: z.literal(M.workspaceHasNoUrl).describe("The platform's fixed text."),
    status: z.string().describe("The row's status."),
  })
  .describe("503 of POST /workspaces/:id/a2a for a workspace without a URL.");

/** 413 of the proxy for a body over the cap, read before any auth (contract 7.3). */
export const A2ATooLargeBody = z
  .object({
    error: z.string().describe('"request body exceeds <max_bytes> byte limit: A2A body exceeds size limit".'),
    truncated: z.literal(true).describe("Always true."),
    max_bytes: z.int().describe("The cap in bytes (16 MiB upstream)."),
  })
  .describe("413 of POST /workspaces/:id/a2a for a body over the cap.");

/**
 * The proxy's own 200 acknowledgement, the SSOT's push-async ack: a poll-mode target
 * (`delivery_mode: "poll"`, the request's method), or a canvas-class call past the 90 s sync
 * budget (`"push-async"`, method `message/send`) (contract 7.5, 7.6).
 */
export const A2AAsyncAcceptedResponse = z
  .object({
    status: z.literal("queued").describe('Always "queued": accepted, delivered later.'),
    delivery_mode: z
      .enum(["poll", "push-async"])
      .optional()
      .describe(
        "poll: recorded for a poll-mode agent; push-async: past the canvas sync budget, finishing out of band.",
      ),
    method: z.string().optional().describe("The method the acknowledgement is for."),
  })
  .describe("200 of POST /workspaces/:id/a2a acknowledging a poll-mode or push-async turn.");
export type A2AAsyncAcceptedResponse = z.infer<typeof A2AAsyncAcceptedResponse>;
