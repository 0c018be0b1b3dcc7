import { z } from "zod";
import { JsonObject } from "../../primitives.js";
import { V1Message, V1Part } from "./message.js";

/** The task states of A2A v1.0 (`TASK_STATE_UNSPECIFIED` is v0.3's `unknown`). */
export const V1TaskState = z.enum([
  "TASK_STATE_UNSPECIFIED",
  "TASK_STATE_SUBMITTED",
  "TASK_STATE_WORKING",
  "TASK_STATE_COMPLETED",
  "TASK_STATE_FAILED",
  "TASK_STATE_CANCELED",
  "TASK_STATE_INPUT_REQUIRED",
  "TASK_STATE_REJECTED",
  "TASK_STATE_AUTH_REQUIRED",
]);
export type V1TaskState = z.infer<typeof V1TaskState>;

/** `{state, message?, timestamp?}`; the timestamp is ISO 8601 in UTC. */
export const V1TaskStatus = z.looseObject({
  state: V1TaskState,
  message: V1Message.optional(),
  timestamp: z.string().optional(),
});
export type V1TaskStatus = z.infer<typeof V1TaskStatus>;

/** An output of a v1.0 task: at least one part. */
export const V1Artifact = z.looseObject({
  artifactId: z.string().min(1),
  name: z.string().optional(),
  description: z.string().optional(),
  parts: z.array(V1Part).min(1),
  metadata: JsonObject.optional(),
  extensions: z.array(z.string()).optional(),
});
export type V1Artifact = z.infer<typeof V1Artifact>;

/** An A2A v1.0 Task. */
export const V1Task = z.looseObject({
  id: z.string().min(1),
  contextId: z.string().optional(),
  status: V1TaskStatus,
  artifacts: z.array(V1Artifact).optional(),
  history: z.array(V1Message).optional(),
  metadata: JsonObject.optional(),
});
export type V1Task = z.infer<typeof V1Task>;

const Tenant = z.string().optional();
const HistoryLength = z.int().nonnegative().optional();

/** `GetTask` params. */
export const V1GetTaskRequest = z.looseObject({
  tenant: Tenant,
  id: z.string().min(1),
  historyLength: HistoryLength,
});
export type V1GetTaskRequest = z.infer<typeof V1GetTaskRequest>;

/** `CancelTask` params. */
export const V1CancelTaskRequest = z.looseObject({
  tenant: Tenant,
  id: z.string().min(1),
  metadata: JsonObject.optional(),
});
export type V1CancelTaskRequest = z.infer<typeof V1CancelTaskRequest>;

/** `ListTasks` params: filters, a page of 1 to 100 tasks (default 50) and the cursor of the last page. */
export const V1ListTasksRequest = z.looseObject({
  tenant: Tenant,
  contextId: z.string().optional(),
  status: V1TaskState.optional(),
  pageSize: z.int().min(1).max(100).optional(),
  pageToken: z.string().optional(),
  historyLength: HistoryLength,
  statusTimestampAfter: z.iso.datetime({ offset: false }).optional(),
  includeArtifacts: z.boolean().optional(),
});
export type V1ListTasksRequest = z.infer<typeof V1ListTasksRequest>;

/** `ListTasks` result; `nextPageToken` is `""` on the last page. */
export const V1ListTasksResponse = z.looseObject({
  tasks: z.array(V1Task),
  nextPageToken: z.string(),
  pageSize: z.int().nonnegative(),
  totalSize: z.int().nonnegative(),
});
export type V1ListTasksResponse = z.infer<typeof V1ListTasksResponse>;
