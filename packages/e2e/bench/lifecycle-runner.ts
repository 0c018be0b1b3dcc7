import {
  harnessMessage,
  STUB_REPLY_TEXT,
  sendThroughProxy,
  type WorkspaceStatus,
} from "@molecule-ctk/contract";
import type { PlatformFixture } from "../src/platform/platform-fixture.js";
import type { LifecycleMarks } from "./lifecycle-marks.js";

/** How a lifecycle waits for a status: on the platform's events, or the bash harness's way (GET, sleep 1, repeat). */
export type WaitMode = "events" | "poll-1s";

/** Called once the workspace is online and answered A2A the first time (e.g. a barrier to sample memory). */
export type MidpointHook = (workspaceId: string) => Promise<void>;

/**
 * One workspace through the harness's lifecycle: create, token, provision (restart) to online, A2A,
 * restart with a fresh token to online, A2A, delete. Throws on any deviation; resolves the moments
 * it passed each point.
 */
export async function runLifecycle(
  fixture: PlatformFixture,
  options: { name: string; wait: WaitMode; midpoint?: MidpointHook; timeoutMs?: number },
): Promise<LifecycleMarks> {
  const { client } = fixture;
  const marks: Partial<LifecycleMarks> = { started: performance.now() };
  const created = await client.createWorkspace({
    name: options.name,
    tier: 2,
    runtime: "claude-code",
    model: "claude-opus-4-7",
  });
  const id = created.id;
  try {
    for (const round of [1, 2]) {
      const token = await client.mintToken(id);
      const since = fixture.cursor();
      const restart = await client.restart(id, token);
      if (restart.status !== 200) throw new Error(`restart ${round} of ${id} answered ${restart.status}`);
      marks[round === 1 ? "restart1" : "restart2"] = performance.now();
      await waitFor(fixture, id, "online", options.wait, since, options.timeoutMs);
      marks[round === 1 ? "online1" : "online2"] = performance.now();
      const reply = await sendThroughProxy(client, id, token, harnessMessage("ping"));
      if (!reply.text.includes(STUB_REPLY_TEXT))
        throw new Error(`A2A ${round} of ${id} answered ${reply.text}`);
      if (round === 1) await options.midpoint?.(id);
    }
  } finally {
    await client.deleteWorkspace(id, options.name);
  }
  return { ...marks, deleted: performance.now() } as LifecycleMarks;
}

async function waitFor(
  fixture: PlatformFixture,
  id: string,
  status: WorkspaceStatus,
  mode: WaitMode,
  since: number,
  timeoutMs?: number,
) {
  if (mode === "events") {
    await fixture.waitForStatus(id, status, {
      since,
      failOn: ["failed"],
      ...(timeoutMs ? { timeoutMs } : {}),
    });
    return;
  }
  // The harness: up to 90 polls of GET /workspaces/:id, one second apart.
  for (let poll = 0; poll < 90; poll++) {
    const row = await fixture.client.getWorkspace(id);
    if (row.status === status) return;
    if (row.status === "failed") throw new Error(`workspace ${id} failed: ${row.last_sample_error ?? ""}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`workspace ${id} never became ${status}`);
}
