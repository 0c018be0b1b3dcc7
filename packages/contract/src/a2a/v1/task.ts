import { z } from "zod";
import { JsonObject } from "../../primitives.js";
import { V1Message, V1Part } from "./message.js";

/** The task states of A2A v1.0 (`TASK_STATE_UNSPECIFIED` is v0.3's `unknown`). */
export const V1TaskState = z
  .enum([
    "TASK_STATE_UNSPECIFIED",
    "TASK_STATE_SUBMITTED",
    "TASK_STATE_WORKING",
    "TASK_STATE_COMPLETED",
    "TASK_STATE_FAILED",
    "TASK_STATE_CANCELED",
    "TASK_STATE_INPUT_REQUIRED",
    "TASK_STATE_REJECTED",
    "TASK_STATE_AUTH_REQUIRED",
  ])
  .describe(
    "The task's state; COMPLETED, FAILED, CANCELED and REJECTED are terminal, INPUT_REQUIRED and AUTH_REQUIRED interrupted.",
  );
export type V1TaskState = z.infer<typeof V1TaskState>;

/** `{state, message?, timestamp?}`; the timestamp is ISO 8601 in UTC. */
export const V1TaskStatus = z
  .looseObject({
    state: V1TaskState,
    message: V1Message.optional().describe(
      "A message that goes with this status, e.g. what input is needed.",
    ),
    timestamp: z.string().optional().describe("When the status was set (ISO 8601, UTC)."),
  })
  .describe("The task's current status.");
export type V1TaskStatus = z.infer<typeof V1TaskStatus>;

/** An output of a v1.0 task: at least one part. */
export const V1Artifact = z
  .looseObject({
    artifactId: z.string().min(1).describe("The artifact's id, unique within its task."),
    name: z.string().optional().describe("The artifact's name, for people."),
    description: z.string().optional().describe("What the artifact is, for people."),
    parts: z.array(V1Part).min(1).describe("The content (at least one part)."),
    metadata: JsonObject.optional().describe("Metadata of the artifact."),
    extensions: z.array(z.string()).optional().describe("URIs of extensions the artifact uses."),
  })
  .describe("An output of a task.");
export type V1Artifact = z.infer<typeof V1Artifact>;

/** An A2A v1.0 Task. */
export const V1Task = z
  .looseObject({
    id: z.string().min(1).describe("The task's id, chosen by the agent."),
    contextId: z.string().optional().describe("The conversation context the task belongs to."),
    status: V1TaskStatus,
    artifacts: z.array(V1Artifact).optional().describe("The task's outputs."),
    history: z.array(V1Message).optional().describe("The messages of the task so far."),
    metadata: JsonObject.optional().describe("Metadata of the task."),
  })
  .describe("An A2A v1.0 task with its TASK_STATE_ status, history and artifacts.");
export type V1Task = z.infer<typeof V1Task>;

/** The optional `tenant` of a v1.0 request (a path parameter in the HTTP binding). */
export const v1Tenant = () =>
  z.string().optional().describe("The tenant the call is for, if the agent has several.");
/** The optional `historyLength` of a v1.0 request. */
export const v1HistoryLength = () =>
  z
    .int()
    .nonnegative()
    .optional()
    .describe("At most this many of the latest history messages per task (0: none; absent: no limit).");

/** `GetTask` params. */
export const V1GetTaskRequest = z
  .looseObject({
    tenant: v1Tenant(),
    id: z.string().min(1).describe("The id of the task to get."),
    historyLength: v1HistoryLength(),
  })
  .describe("The params of an A2A v1.0 GetTask call.");
export type V1GetTaskRequest = z.infer<typeof V1GetTaskRequest>;

/** `CancelTask` params. */
export const V1CancelTaskRequest = z
  .looseObject({
    tenant: v1Tenant(),
    id: z.string().min(1).describe("The id of the task to cancel."),
    metadata: JsonObject.optional().describe("Metadata of the call."),
  })
  .describe("The params of an A2A v1.0 CancelTask call.");
export type V1CancelTaskRequest = z.infer<typeof V1CancelTaskRequest>;

/** `ListTasks` params: filters, a page of 1 to 100 tasks (default 50) and the cursor of the last page. */
export const V1ListTasksRequest = z
  .looseObject({
    tenant: v1Tenant(),
    contextId: z.string().optional().describe("Only tasks of this conversation context."),
    status: V1TaskState.optional().describe("Only tasks in this state."),
    pageSize: z.int().min(1).max(100).optional().describe("At most this many tasks (1 to 100, default 50)."),
    pageToken: z
      .string()
      .optional()
      .describe("The nextPageToken of the previous page; absent for the first page."),
    historyLength: v1HistoryLength(),
    statusTimestampAfter: z.iso
      .datetime({ offset: false })
      .optional()
      .describe("Only tasks whose status was set at or after this time (ISO 8601, UTC)."),
    includeArtifacts: z
      .boolean()
      .optional()
      .describe("Whether the tasks carry their artifacts (default false)."),
  })
  .describe("The params of an A2A v1.0 ListTasks call (a page of 1 to 100).");
export type V1ListTasksRequest = z.infer<typeof V1ListTasksRequest>;

/** `ListTasks` result; `nextPageToken` is `""` on the last page. */
export const V1ListTasksResponse = z
  .looseObject({
    tasks: z.array(V1Task).describe("The tasks of this page."),
    nextPageToken: z.string().describe('The token of the next page; "" on the last page.'),
    pageSize: z.int().nonnegative().describe("The page size the agent used."),
    totalSize: z.int().nonnegative().describe("How many tasks match, over all pages."),
  })
  .describe("The result of an A2A v1.0 ListTasks call.");
export type V1ListTasksResponse = z.infer<typeof V1ListTasksResponse>;
