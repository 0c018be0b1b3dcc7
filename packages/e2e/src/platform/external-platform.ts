import { readFileSync } from "node:fs";
import type { WorkspaceRow, WorkspaceStatus } from "@molecule-ctk/contract";
import { IMAGE_TAGS } from "@molecule-ctk/image-builder";
import Dockerode from "dockerode";
import type { RunContext } from "../support/run-labels.js";
import { PlatformApiClient } from "./platform-api-client.js";
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
 * A platform that runs elsewhere (the real Go platform, or `pnpm mock-platform serve`), reached at
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
    workspaceImage: env.E2E_WORKSPACE_IMAGE ?? IMAGE_TAGS["stub-runtime"],
    cursor: () => 0,
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
    close: async () => {},
  };
}
