import { readFileSync } from "node:fs";
import type { WorkspaceRow, WorkspaceStatus } from "@molecule-ctk/contract";
import { PlatformApiClient } from "@molecule-ctk/contract";
import Dockerode from "dockerode";
import { PlatformEventStream } from "../support/platform-event-stream.js";
import type { RunContext } from "../support/run-labels.js";
import { type PlatformFixture, type WaitForStatusOptions, WorkspaceStatusError } from "./platform-fixture.js";

/** The environment an external platform is given by, as the bash harness takes it (contract 12.2). */
export interface ExternalPlatformEnv {
  BASE?: string;
  ADMIN_TOKEN?: string;
  MOLECULE_ADMIN_TOKEN?: string;
  PLATFORM_LOG?: string;
  E2E_WORKSPACE_IMAGE?: string;
}

const POLL_MS = 250;

/**
 * A platform that runs elsewhere (the real Go platform, or `molecule-ctk serve`), reached at
 * `BASE` with `ADMIN_TOKEN`. It has no event stream, so waits poll `GET /workspaces/:id` every
 * 250 ms; its log is read from `PLATFORM_LOG` when that file exists.
 */
export async function connectExternalPlatform(
  run: RunContext,
  env: ExternalPlatformEnv = process.env,
): Promise<PlatformFixture> {
  const base = env.BASE;
  const adminToken = env.ADMIN_TOKEN || env.MOLECULE_ADMIN_TOKEN;
  if (!base || !adminToken) {
    throw new Error(
      "[e2e] E2E_PLATFORM=external needs BASE (e.g. http://127.0.0.1:8080) and ADMIN_TOKEN (or MOLECULE_ADMIN_TOKEN)",
    );
  }
  const client = new PlatformApiClient({ baseUrl: base, adminToken });
  try {
    await client.request("GET", "/workspaces", { timeoutMs: 5_000 });
  } catch (error) {
    throw new Error(
      `[e2e] the external platform at ${base} does not accept connections: ${(error as Error).message}`,
    );
  }
  // A mock platform offers its events (the real one does not): kept to tell restarts apart, while
  // status waits still poll, as they must against the real platform.
  const events = await openMockEvents(base, adminToken);

  async function waitForStatus(
    workspaceId: string,
    status: WorkspaceStatus,
    wait: WaitForStatusOptions = {},
  ) {
    const { timeoutMs = 90_000, failOn = [] } = wait;
    const deadline = Date.now() + timeoutMs;
    let row: WorkspaceRow | undefined;
    while (Date.now() < deadline) {
      row = await client.getWorkspace(workspaceId);
      if (row.status === status) return row;
      if (failOn.includes(row.status)) {
        throw new WorkspaceStatusError(
          `[e2e] workspace ${workspaceId} went ${row.status} while waiting for ${status}: ${row.last_sample_error ?? ""}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    throw new WorkspaceStatusError(
      `[e2e] workspace ${workspaceId} is ${row?.status ?? "unknown"} after ${timeoutMs} ms, not ${status}`,
    );
  }

  return {
    kind: "external",
    client,
    docker: new Dockerode(),
    run,
    workspaceImage: env.E2E_WORKSPACE_IMAGE ?? run.images["stub-runtime"],
    cursor: () => events?.received.at(-1)?.seq ?? 0,
    provisioningsSince: (workspaceId, since) =>
      events?.received.filter(
        (e) => e.seq > since && e.workspaceId === workspaceId && e.type === "WORKSPACE_PROVISIONING",
      ).length,
    // No view into a remote platform's background work: wait while the row still says provisioning.
    settle: async (workspaceId) => {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && (await client.getWorkspace(workspaceId)).status === "provisioning") {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    waitForStatus,
    logLines: () => {
      if (!env.PLATFORM_LOG) return undefined;
      try {
        return readFileSync(env.PLATFORM_LOG, "utf8").split("\n");
      } catch {
        return undefined;
      }
    },
    close: async () => events?.close(),
  };
}

/** The platform's `/__mock/events` stream when it has one (a mock platform), else undefined. */
async function openMockEvents(base: string, adminToken: string): Promise<PlatformEventStream | undefined> {
  try {
    const probe = await fetch(`${base}/__mock/state`, {
      headers: { Authorization: `Bearer ${adminToken}` },
      signal: AbortSignal.timeout(5_000),
    });
    await probe.body?.cancel();
    if (probe.status !== 200) return undefined;
    return await PlatformEventStream.open(base, adminToken, 0);
  } catch {
    return undefined;
  }
}
