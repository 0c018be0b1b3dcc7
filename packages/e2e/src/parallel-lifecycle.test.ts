// Twenty workspaces through the whole lifecycle at once: create, provision, A2A, restart with a
// rotated token, A2A again, delete; nothing left behind.
import { STUB_REPLY_TEXT } from "@molecule-ctk/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dockerMissing, runContext, workspaceNames } from "./e2e-test-utils.js";
import type { PlatformFixture } from "./platform/platform-fixture.js";
import { createPlatformFixture } from "./platform/select-platform.js";
import { harnessMessage, sendThroughProxy } from "./support/proxy-call.js";
import { timed } from "./support/step-timings.js";
import { type ProvisionedWorkspace, provisionWorkspace } from "./support/workspace-steps.js";

const COUNT = Number(process.env.E2E_PARALLEL_WORKSPACES ?? 20);
const SCENARIO = `${COUNT} in parallel`;

describe.skipIf(dockerMissing())(`${COUNT} workspaces through the lifecycle in parallel`, () => {
  let fixture: PlatformFixture;
  const alive = new Map<string, ProvisionedWorkspace>();

  beforeAll(async () => {
    fixture = await createPlatformFixture(runContext());
  });

  afterAll(async () => {
    for (const ws of alive.values()) await fixture?.client.deleteWorkspace(ws.id, ws.name).catch(() => {});
    await fixture?.close();
  });

  // Docker does the work of each lifecycle nearly one step at a time (contract 8: three starts and
  // three removals each), so the ceiling grows with the count; generous for two busy cores.
  it("provisions, restarts, reaches and deletes every one of them", {
    timeout: 60_000 + COUNT * 30_000,
  }, async () => {
    const lifecycle = async (index: number) => {
      const ws = await provisionWorkspace(fixture, { name: `Parallel ${index}`, scenario: SCENARIO });
      alive.set(ws.id, ws);
      const first = await timed(
        "A2A round trip",
        () => sendThroughProxy(fixture.client, ws.id, ws.token, harnessMessage("ping")),
        SCENARIO,
      );
      expect(first.text).toContain(STUB_REPLY_TEXT);

      const token = await fixture.client.mintToken(ws.id);
      const since = fixture.cursor();
      expect((await fixture.client.restart(ws.id, token)).text).toContain("provisioning");
      const row = await timed(
        "restart → online",
        () => fixture.waitForStatus(ws.id, "online", { since, afterRestart: true, failOn: ["failed"] }),
        SCENARIO,
      );
      expect(row.last_sample_error ?? "").not.toMatch(/config volume is empty/i);
      const second = await sendThroughProxy(fixture.client, ws.id, token, harnessMessage("ping"));
      expect(second.text).toContain(STUB_REPLY_TEXT);

      await timed("teardown", () => fixture.client.deleteWorkspace(ws.id, ws.name), SCENARIO);
      alive.delete(ws.id);
      await expect(
        fixture.docker.getContainer(workspaceNames(ws.id).container).inspect(),
      ).rejects.toMatchObject({
        statusCode: 404,
      });
    };
    const results = await Promise.allSettled(Array.from({ length: COUNT }, (_, i) => lifecycle(i + 1)));
    const failures = results.flatMap((r, i) =>
      r.status === "rejected" ? [`#${i + 1}: ${String(r.reason)}`] : [],
    );
    expect(failures).toEqual([]);
  });
});
