import { z } from "zod";
import { JsonObject } from "../primitives.js";
import { Message, Part } from "./message.js";

/** The nine task states of A2A v0.3. */
export const TaskState = z.enum([
  "submitted",
  "working",
  "input-required",
  "completed",
  "canceled",
  "failed",
  "rejected",
  "auth-required",
  "unknown",
]);
export type TaskState = z.infer<typeof TaskState>;

/** States after which a task never changes again. */
export const TERMINAL_TASK_STATES: ReadonlySet<TaskState> = new Set([
  "completed",
  "canceled",
  "failed",
  "rejected",
]);

/** `{state, message?, timestamp?}`; the timestamp is ISO 8601. */
export const TaskStatus = z.looseObject({
  state: TaskState,
  message: Message.optional(),
  timestamp: z.string().optional(),
});
export type TaskStatus = z.output<typeof TaskStatus>;

/** An output of a task. */
export const Artifact = z.looseObject({
  artifactId: z.string().min(1),
  name: z.string().optional(),
  description: z.string().optional(),
  parts: z.array(Part),
  metadata: JsonObject.optional(),
  extensions: z.array(z.string()).optional(),
});
export type Artifact = z.output<typeof Artifact>;

/** An A2A v0.3 Task. */
export const Task = z.looseObject({
  kind: z.literal("task"),
  id: z.string().min(1),
  contextId: z.string().min(1),
  status: TaskStatus,
  history: z.array(Message).optional(),
  artifacts: z.array(Artifact).optional(),
  metadata: JsonObject.optional(),
});
export type Task = z.output<typeof Task>;

/** `tasks/get` params: the task id and how much history to return. */
export const TaskQueryParams = z.looseObject({
  id: z.string().min(1),
  historyLength: z.int().nonnegative().optional(),
  metadata: JsonObject.optional(),
});
export type TaskQueryParams = z.infer<typeof TaskQueryParams>;

/** `tasks/cancel` params. */
export const TaskIdParams = z.looseObject({
  id: z.string().min(1),
  metadata: JsonObject.optional(),
});
export type TaskIdParams = z.infer<typeof TaskIdParams>;
