import type { WorkspaceRow, WorkspaceStatus } from "@molecule-ctk/contract";
import type { PlatformApiClient } from "@molecule-ctk/testcontainers";
import type Dockerode from "dockerode";
import type { RunContext } from "../support/run-labels.js";

/** Options of {@link PlatformFixture.waitForStatus}. */
export interface WaitForStatusOptions {
  /** A {@link PlatformFixture.cursor} taken before the action, so a fast transition is not missed. */
  since?: number;
  /** Default 90 s, the harness's ONLINE_TIMEOUT. */
  timeoutMs?: number;
  /** Statuses that end the wait with an error naming the row's last_sample_error. */
  failOn?: ReadonlyArray<WorkspaceStatus>;
  /**
   * Counts only what follows the restart begun after `since` (its WORKSPACE_PROVISIONING event), so
   * an `online` of an earlier provision cannot end the wait. Platforms without events poll from after
   * the restart's answer, which the restart gives only once the row reads provisioning (contract 8.6).
   */
  afterRestart?: boolean;
}

/**
 * A platform the lifecycle suite runs against: the embedded mock platform (default) or an external
 * one (`E2E_PLATFORM=external` with `BASE` and `ADMIN_TOKEN`). The same tests use either.
 */
export interface PlatformFixture {
  readonly kind: "embedded" | "external";
  readonly client: PlatformApiClient;
  readonly docker: Dockerode;
  readonly run: RunContext;
  /** The image workspaces run (for helper containers that mount their volumes). */
  readonly workspaceImage: string;
  /** A position in the platform's event stream (0 where the platform has none). */
  cursor(): number;
  /**
   * How many provisions (restarts included) of the workspace began after `since`, read from the
   * platform's events; undefined when the platform offers none (a real platform).
   */
  provisioningsSince(workspaceId: string, since: number): number | undefined;
  /** Resolves with the row once the workspace reaches `status`: by events where the platform has them, else by polling. */
  waitForStatus(
    workspaceId: string,
    status: WorkspaceStatus,
    options?: WaitForStatusOptions,
  ): Promise<WorkspaceRow>;
  /**
   * Waits until the platform's own work on a workspace (the provision it starts at create) is done,
   * so a seeded config.yaml is not overwritten by the generated one (contract 13).
   */
  settle(workspaceId: string): Promise<void>;
  /** The platform's log lines so far, or undefined when its log cannot be read. */
  logLines(): string[] | undefined;
  close(): Promise<void>;
}

/** A workspace reached a status the caller named as fatal, or never reached the wanted one. */
export class WorkspaceStatusError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
