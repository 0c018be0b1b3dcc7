import type {
  Artifact,
  Message,
  Part,
  Task,
  TaskState,
  V1Artifact,
  V1Message,
  V1Part,
  V1Task,
  V1TaskState,
} from "@molecule-ctk/contract";

// The stub keeps its tasks in v0.3 shapes; these translate at the v1.0 edge. A v1.0 data part may
// hold any JSON value but a v0.3 one only an object, so a non-object is wrapped as `{value}` and
// flagged in the part's metadata, which makes the round trip lossless (the official SDK does the same).

const DATA_WRAPPED = "data_part_compat";

const V1_STATES: Readonly<Record<TaskState, V1TaskState>> = {
  submitted: "TASK_STATE_SUBMITTED",
  working: "TASK_STATE_WORKING",
  "input-required": "TASK_STATE_INPUT_REQUIRED",
  completed: "TASK_STATE_COMPLETED",
  canceled: "TASK_STATE_CANCELED",
  failed: "TASK_STATE_FAILED",
  rejected: "TASK_STATE_REJECTED",
  "auth-required": "TASK_STATE_AUTH_REQUIRED",
  unknown: "TASK_STATE_UNSPECIFIED",
};

const V03_STATES = new Map(Object.entries(V1_STATES).map(([v03, v1]) => [v1, v03 as TaskState]));

/** `completed` → `TASK_STATE_COMPLETED`. */
export function toV1State(state: TaskState): V1TaskState {
  return V1_STATES[state];
}

/** `TASK_STATE_COMPLETED` → `completed`. */
export function fromV1State(state: V1TaskState): TaskState {
  return V03_STATES.get(state) ?? "unknown";
}

/** ProtoJSON writes an unset string as `""`: both mean absent. */
const present = (value: string | undefined) => (value === undefined || value === "" ? undefined : value);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A v1.0 message in the stub's v0.3 shape. */
export function fromV1Message(message: V1Message): Message {
  const contextId = present(message.contextId);
  const taskId = present(message.taskId);
  return {
    kind: "message",
    role: message.role === "ROLE_USER" ? "user" : "agent",
    parts: message.parts.map(fromV1Part),
    messageId: message.messageId,
    ...(contextId === undefined ? {} : { contextId }),
    ...(taskId === undefined ? {} : { taskId }),
    ...(message.metadata === undefined ? {} : { metadata: message.metadata }),
    ...(message.extensions?.length ? { extensions: message.extensions } : {}),
    ...(message.referenceTaskIds?.length ? { referenceTaskIds: message.referenceTaskIds } : {}),
  };
}

/** A v0.3 message as v1.0 sends it. */
export function toV1Message(message: Message): V1Message {
  return {
    messageId: message.messageId,
    role: message.role === "user" ? "ROLE_USER" : "ROLE_AGENT",
    parts: message.parts.map(toV1Part),
    ...(message.contextId === undefined ? {} : { contextId: message.contextId }),
    ...(message.taskId === undefined ? {} : { taskId: message.taskId }),
    ...(message.metadata === undefined ? {} : { metadata: message.metadata }),
    ...(message.extensions?.length ? { extensions: message.extensions } : {}),
    ...(message.referenceTaskIds?.length ? { referenceTaskIds: message.referenceTaskIds } : {}),
  };
}

function fromV1Part(part: V1Part): Part {
  const metadata = part.metadata === undefined ? {} : { metadata: part.metadata };
  if (part.text !== undefined) return { kind: "text", text: part.text, ...metadata };
  const name = present(part.filename);
  const mimeType = present(part.mediaType);
  const fileMeta = {
    ...(name === undefined ? {} : { name }),
    ...(mimeType === undefined ? {} : { mimeType }),
  };
  if (part.raw !== undefined) return { kind: "file", file: { bytes: part.raw, ...fileMeta }, ...metadata };
  if (part.url !== undefined) return { kind: "file", file: { uri: part.url, ...fileMeta }, ...metadata };
  if (isObject(part.data)) return { kind: "data", data: part.data, ...metadata };
  return { kind: "data", data: { value: part.data }, metadata: { ...part.metadata, [DATA_WRAPPED]: true } };
}

function toV1Part(part: Part): V1Part {
  const { metadata } = part;
  if (part.kind === "text") return { text: part.text, ...(metadata === undefined ? {} : { metadata }) };
  if (part.kind === "file") {
    const { file } = part;
    const common = {
      ...(file.name === undefined ? {} : { filename: file.name }),
      ...(file.mimeType === undefined ? {} : { mediaType: file.mimeType }),
      ...(metadata === undefined ? {} : { metadata }),
    };
    const { bytes, uri } = file as { bytes?: unknown; uri?: unknown };
    return typeof bytes === "string" ? { raw: bytes, ...common } : { url: String(uri), ...common };
  }
  if (metadata?.[DATA_WRAPPED] === true && Object.hasOwn(part.data, "value")) {
    const { [DATA_WRAPPED]: _flag, ...rest } = metadata;
    return {
      data: part.data.value as V1Part["data"],
      ...(Object.keys(rest).length ? { metadata: rest } : {}),
    };
  }
  return { data: part.data as V1Part["data"], ...(metadata === undefined ? {} : { metadata }) };
}

function toV1Artifact(artifact: Artifact): V1Artifact {
  return {
    artifactId: artifact.artifactId,
    parts: artifact.parts.map(toV1Part),
    ...(artifact.name === undefined ? {} : { name: artifact.name }),
    ...(artifact.description === undefined ? {} : { description: artifact.description }),
    ...(artifact.metadata === undefined ? {} : { metadata: artifact.metadata }),
  };
}

/** A v0.3 task as v1.0 sends it; an empty history is left out, as v1.0 asks for `historyLength: 0`. */
export function toV1Task(task: Task): V1Task {
  const { status } = task;
  return {
    id: task.id,
    contextId: task.contextId,
    status: {
      state: toV1State(status.state),
      ...(status.message === undefined ? {} : { message: toV1Message(status.message) }),
      ...(status.timestamp === undefined ? {} : { timestamp: status.timestamp }),
    },
    ...(task.artifacts === undefined ? {} : { artifacts: task.artifacts.map(toV1Artifact) }),
    ...(task.history?.length ? { history: task.history.map(toV1Message) } : {}),
    ...(task.metadata === undefined ? {} : { metadata: task.metadata }),
  };
}
