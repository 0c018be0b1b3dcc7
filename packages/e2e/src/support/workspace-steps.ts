import type { PlatformFixture } from "../platform/platform-fixture.js";
import { timed } from "./step-timings.js";

/** A provisioned workspace: its id, name and a workspace-bound api token. */
export interface ProvisionedWorkspace {
  id: string;
  name: string;
  token: string;
}

/**
 * Creates a workspace, mints a token and provisions it with a restart until it is online (the
 * harness's Steps 2a, 2b and 3). `env` becomes workspace secrets, i.e. container env: the stub's
 * knobs (STUB_HEARTBEAT_INTERVAL_MS, ...) travel that way.
 */
export async function provisionWorkspace(
  fixture: PlatformFixture,
  options: { name: string; env?: Record<string, string>; scenario?: string },
): Promise<ProvisionedWorkspace> {
  const created = await timed(
    "create",
    () =>
      fixture.client.createWorkspace({
        name: options.name,
        tier: 2,
        runtime: "claude-code",
        model: "claude-opus-4-7", // a container create without a model is 422 MODEL_REQUIRED
        secrets: options.env ?? {},
      }),
    options.scenario,
  );
  const token = await fixture.client.mintToken(created.id);
  const since = fixture.cursor();
  const restart = await fixture.client.restart(created.id, token);
  if (restart.status !== 200)
    throw new Error(`[e2e] restart of ${created.id} answered ${restart.status}: ${restart.text}`);
  await timed(
    "provision → online",
    () => fixture.waitForStatus(created.id, "online", { since, afterRestart: true, failOn: ["failed"] }),
    options.scenario,
  );
  return { id: created.id, name: options.name, token };
}
