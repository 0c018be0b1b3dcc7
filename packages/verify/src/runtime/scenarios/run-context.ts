import type { CheckRecorder } from "../checks/check-recorder.js";
import type { RuntimeSession } from "../session/runtime-session.js";

/** What every scenario of a run shares. */
export interface RunContext {
  session: RuntimeSession;
  checks: CheckRecorder;
  /** Variables for the runtime (`--env`): workspace secrets, as the platform injects them (contract 8.1). */
  secrets: Readonly<Record<string, string>>;
  /** One progress line (the CLI prints them on stderr). */
  progress: (line: string) => void;
}

/** The provisioned workspace, once created: its id and the api token its creation returned. */
export interface ProvisionedWorkspace {
  id: string;
  apiToken: string;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
