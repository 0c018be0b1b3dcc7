import { z } from "zod";
import { PlatformMessages as M } from "./platform-messages.js";
import { WorkspaceId } from "./primitives.js";

/** 202 of the A2A proxy when the agent is busy or settling: the request was queued (contract 7.7). */
export const A2AQueuedResponse = z.object({
  queued: z.literal(true),
  queue_id: z.uuid(),
  queue_depth: z.int().nonnegative(),
  message: z.literal(M.agentBusyQueued),
});
export type A2AQueuedResponse = z.infer<typeof A2AQueuedResponse>;

/** The statuses of a queued A2A request (contract 7.8). */
export const QueueItemStatus = z.enum([
  "queued",
  "dispatched",
  "in_progress",
  "completed",
  "failed",
  "dropped",
]);
export type QueueItemStatus = z.infer<typeof QueueItemStatus>;

/**
 * `GET /workspaces/:id/a2a/queue/:queue_id` 200 body (contract 7.8). `response_body` appears only
 * once the item is `completed`.
 */
export const QueueStatusResponse = z
  .object({
    queue_id: z.uuid(),
    workspace_id: WorkspaceId,
    status: QueueItemStatus,
    priority: z.int(),
    attempts: z.int().nonnegative(),
    last_error: z.string().nullable().optional(),
    enqueued_at: z.string(),
    dispatched_at: z.string().nullable().optional(),
    completed_at: z.string().nullable().optional(),
    expires_at: z.string().nullable().optional(),
    response_body: z.unknown().optional(),
  })
  .refine((item) => item.status === "completed" || item.response_body === undefined, {
    path: ["response_body"],
    error: "appears only when status is completed",
  });
export type QueueStatusResponse = z.infer<typeof QueueStatusResponse>;

/** 503 of the proxy while the agent restarts (#4147): not queued, retry after 30 s. */
export const A2ARestartingBody = z.object({
  error: z.literal(M.agentRestarting),
  busy: z.literal(true),
  retry_after: z.int(),
});

/** 503 of the proxy when the container is gone and a restart was triggered. */
export const A2AUnreachableBody = z.object({
  error: z.literal(M.agentUnreachableRestarting),
  restarting: z.literal(true),
  retry_after: z.int().optional(),
});

/** 503 of the proxy for a workspace with no URL; `status` is the row's status. */
export const A2ANoUrlBody = z.object({ error: z.literal(M.workspaceHasNoUrl), status: z.string() });

/**
 * A canvas sync-budget or poll-mode answer: 200 `{"status":"queued","delivery_mode":...,"method":...}`
 * (contract 7.5, 7.6).
 */
export const A2AAsyncAcceptedResponse = z.object({
  status: z.literal("queued"),
  delivery_mode: z.enum(["poll", "push-async"]),
  method: z.string(),
});
