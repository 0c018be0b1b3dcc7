import {
  A2AProtocolVersion,
  parseA2AVersion,
  parseRuntimeEnv,
  type RuntimeConfig,
  STUB_REPLY_TEXT,
} from "@molecule-ctk/contract";
import { isStubDefect, STUB_DEFECTS, type StubDefect } from "./defects/stub-defects.js";
import { StubConfigError } from "./stub-runtime-error.js";

/** How `message/send` answers: with a Message at once, or with a Task that completes later. */
export type StubResultMode = "message" | "task";

/** The behaviour knobs of the stub, each from an optional `STUB_*` variable. */
export interface StubKnobs {
  /** STUB_PORT: the listen port (default 8000; 0 picks a free one). */
  port: number;
  /** STUB_HEARTBEAT_INTERVAL_MS: pause after each heartbeat (default 5000). */
  heartbeatIntervalMs: number;
  /** STUB_REGISTER_ATTEMPTS: register tries per register loop (default 10). */
  registerAttempts: number;
  /** STUB_REGISTER_DELAY_MS: pause between register tries (default 2000). */
  registerDelayMs: number;
  /** STUB_REQUEST_TIMEOUT_MS: timeout of each platform call (default 15000). */
  requestTimeoutMs: number;
  /** STUB_ERROR_RATE: the heartbeat's `error_rate`, 0..1 (default 0). */
  errorRate: number;
  /** STUB_SAMPLE_ERROR: the heartbeat's `sample_error` (default ""). */
  sampleError: string;
  /** STUB_ACTIVE_TASKS: added to the heartbeat's `active_tasks` (default 0). */
  activeTasks: number;
  /** STUB_REPLY: the reply text (default STUB_REPLY_TEXT, "STUB OK"). */
  reply: string;
  /** STUB_REPLY_DELAY_MS: delay before `message/send` answers (default 0). */
  replyDelayMs: number;
  /** STUB_RESULT: "message" (default) or "task". */
  result: StubResultMode;
  /** STUB_TASK_MS: how long a task stays `working` after its latest message when STUB_RESULT=task (default 1000). */
  taskMs: number;
  /** STUB_A2A_VERSIONS: the A2A versions spoken, comma-separated (default both, `1.0,0.3`). */
  a2aVersions: readonly A2AProtocolVersion[];
  /** STUB_DEFECT: a test affordance that breaks the contract in one named way (default none). */
  defect: StubDefect | undefined;
}

export interface StubConfig extends StubKnobs {
  runtime: RuntimeConfig;
}

export const DEFAULT_KNOBS: Readonly<StubKnobs> = {
  port: 8000,
  heartbeatIntervalMs: 5000,
  registerAttempts: 10,
  registerDelayMs: 2000,
  requestTimeoutMs: 15000,
  errorRate: 0,
  sampleError: "",
  activeTasks: 0,
  reply: STUB_REPLY_TEXT,
  replyDelayMs: 0,
  result: "message",
  taskMs: 1000,
  a2aVersions: ["1.0", "0.3"],
  defect: undefined,
};

type Env = Readonly<Record<string, string | undefined>>;
type Problem = { variable: string; problem: string };

/**
 * Reads the stub's configuration from an environment: throws the contract's RuntimeEnvError when
 * WORKSPACE_ID or the platform URL is missing or invalid, and a {@link StubConfigError} naming each
 * bad `STUB_*` knob. Empty values count as unset.
 */
export function parseStubConfig(env: Env = process.env): StubConfig {
  const runtime = parseRuntimeEnv(env);
  return { runtime, ...parseStubKnobs(env) };
}

/** Reads only the `STUB_*` knobs (defaults for unset ones); throws a {@link StubConfigError} naming each bad one. */
export function parseStubKnobs(env: Env = process.env): StubKnobs {
  const problems: Problem[] = [];
  const int = (variable: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
    readInt(env, variable, fallback, min, max, problems);
  const knobs: StubKnobs = {
    port: int("STUB_PORT", DEFAULT_KNOBS.port, 0, 65535),
    heartbeatIntervalMs: int("STUB_HEARTBEAT_INTERVAL_MS", DEFAULT_KNOBS.heartbeatIntervalMs, 1),
    registerAttempts: int("STUB_REGISTER_ATTEMPTS", DEFAULT_KNOBS.registerAttempts, 1),
    registerDelayMs: int("STUB_REGISTER_DELAY_MS", DEFAULT_KNOBS.registerDelayMs, 0),
    requestTimeoutMs: int("STUB_REQUEST_TIMEOUT_MS", DEFAULT_KNOBS.requestTimeoutMs, 1),
    errorRate: readRate(env, "STUB_ERROR_RATE", problems),
    sampleError: read(env, "STUB_SAMPLE_ERROR") ?? DEFAULT_KNOBS.sampleError,
    activeTasks: int("STUB_ACTIVE_TASKS", DEFAULT_KNOBS.activeTasks, 0),
    reply: read(env, "STUB_REPLY") ?? DEFAULT_KNOBS.reply,
    replyDelayMs: int("STUB_REPLY_DELAY_MS", DEFAULT_KNOBS.replyDelayMs, 0),
    result: readResultMode(env, problems),
    taskMs: int("STUB_TASK_MS", DEFAULT_KNOBS.taskMs, 0),
    a2aVersions: readVersions(env, problems),
    defect: readDefect(env, problems),
  };
  if (problems.length > 0) throw new StubConfigError(problems);
  return knobs;
}

function read(env: Env, variable: string): string | undefined {
  const value = env[variable]?.trim();
  return value ? value : undefined;
}

function readInt(
  env: Env,
  variable: string,
  fallback: number,
  min: number,
  max: number,
  problems: Problem[],
) {
  const raw = read(env, variable);
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
  const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
  problems.push({ variable, problem: `must be an integer ${range}, got ${JSON.stringify(raw)}` });
  return fallback;
}

function readRate(env: Env, variable: string, problems: Problem[]): number {
  const raw = read(env, variable);
  if (raw === undefined) return DEFAULT_KNOBS.errorRate;
  const value = /^\d*\.?\d+(e[-+]?\d+)?$/i.test(raw) ? Number(raw) : Number.NaN;
  if (value >= 0 && value <= 1) return value;
  problems.push({ variable, problem: `must be a number from 0 to 1, got ${JSON.stringify(raw)}` });
  return DEFAULT_KNOBS.errorRate;
}

function readDefect(env: Env, problems: Problem[]): StubDefect | undefined {
  const raw = read(env, "STUB_DEFECT");
  if (raw === undefined) return undefined;
  if (isStubDefect(raw)) return raw;
  problems.push({
    variable: "STUB_DEFECT",
    problem: `is not a known defect: ${JSON.stringify(raw)} (use one of ${Object.keys(STUB_DEFECTS).join(", ")}, or leave it unset)`,
  });
  return undefined;
}

function readResultMode(env: Env, problems: Problem[]): StubResultMode {
  const raw = read(env, "STUB_RESULT");
  if (raw === undefined) return DEFAULT_KNOBS.result;
  if (raw === "message" || raw === "task") return raw;
  problems.push({
    variable: "STUB_RESULT",
    problem: `must be "message" or "task", got ${JSON.stringify(raw)}`,
  });
  return DEFAULT_KNOBS.result;
}

function readVersions(env: Env, problems: Problem[]): readonly A2AProtocolVersion[] {
  const raw = read(env, "STUB_A2A_VERSIONS");
  if (raw === undefined) return DEFAULT_KNOBS.a2aVersions;
  const versions = new Set<A2AProtocolVersion>();
  for (const item of raw.split(",")) {
    const version = A2AProtocolVersion.safeParse(parseA2AVersion(item.trim() || "none"));
    if (!version.success) {
      problems.push({
        variable: "STUB_A2A_VERSIONS",
        problem: `must be 0.3, 1.0 or both, comma-separated, got ${JSON.stringify(raw)}`,
      });
      return DEFAULT_KNOBS.a2aVersions;
    }
    versions.add(version.data);
  }
  return DEFAULT_KNOBS.a2aVersions.filter((version) => versions.has(version));
}
