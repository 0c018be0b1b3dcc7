import { z } from "zod";
import { JsonObject } from "../primitives.js";
import { Message, Part } from "./message.js";

/** The nine task states of A2A v0.3. */
export const TaskState = z
  .enum([
    "submitted",
    "working",
    "input-required",
    "completed",
    "canceled",
    "failed",
    "rejected",
    "auth-required",
    "unknown",
  ])
  .describe("The task's state.");
export type TaskState = z.infer<typeof TaskState>;

/** States after which a task never changes again. */
export const TERMINAL_TASK_STATES: ReadonlySet<TaskState> = new Set([
  "completed",
  "canceled",
  "failed",
  "rejected",
]);

/** `{state, message?, timestamp?}`; the timestamp is ISO 8601. */
export const TaskStatus = z
  .looseObject({
    state: TaskState,
    message: Message.optional(),
    timestamp: z.string().optional().describe("When the status was set (ISO 8601)."),
  })
  .describe("The task's current status.");
export type TaskStatus = z.output<typeof TaskStatus>;

/** An output of a task. */
export const Artifact = z
  .looseObject({
    artifactId: z.string().min(1).describe("The artifact's id."),
    name: z.string().optional().describe("The artifact's name."),
    description: z.string().optional().describe("What the artifact is."),
    parts: z.array(Part).describe("The content."),
    metadata: JsonObject.optional().describe("Metadata of the artifact."),
    extensions: z.array(z.string()).optional().describe("URIs of extensions the artifact uses."),
  })
  .describe("An output of a task.");
export type Artifact = z.output<typeof Artifact>;

/** An A2A v0.3 Task. */
export const Task = z
  .looseObject({
    kind: z.literal("task").describe('"task".'),
    id: z.string().min(1).describe("The task's id."),
    contextId: z.string().min(1).describe("The conversation context."),
    status: TaskStatus,
    history: z.array(Message).optional().describe("The messages of the task so far."),
    artifacts: z.array(Artifact).optional().describe("The task's outputs."),
    metadata: JsonObject.optional().describe("Metadata of the task."),
  })
  .describe("An A2A v0.3 task.");
export type Task = z.output<typeof Task>;

/** `tasks/get` params: the task id and how much history to return. */
export const TaskQueryParams = z
  .looseObject({
    id: z.string().min(1).describe("The task's id."),
    historyLength: z.int().nonnegative().optional().describe("How many history messages to return."),
    metadata: JsonObject.optional().describe("Metadata of the request."),
  })
  .describe("tasks/get params.");
export type TaskQueryParams = z.infer<typeof TaskQueryParams>;

/** `tasks/cancel` params. */
export const TaskIdParams = z
  .looseObject({
    id: z.string().min(1).describe("The task's id."),
    metadata: JsonObject.optional().describe("Metadata of the request."),
  })
  .describe("tasks/cancel params.");
export type TaskIdParams = z.infer<typeof TaskIdParams>;
