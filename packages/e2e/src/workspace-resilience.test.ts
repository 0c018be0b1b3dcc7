// What the bash harness never checks, against the embedded mock platform and its Docker provisioner:
// a token rotated under a running workspace, a SIGKILLed container, and the proxy's error answers.
import {
  harnessMessage,
  MessageSendResponse,
  PlatformMessages,
  sendThroughProxy,
} from "@molecule-ctk/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dockerMissing, runContext, workspaceNames } from "./e2e-test-utils.js";
import { type EmbeddedPlatform, startEmbeddedPlatform } from "./platform/embedded-platform.js";
import { readVolumeFile } from "./support/config-volume.js";
import { type ProvisionedWorkspace, provisionWorkspace } from "./support/workspace-steps.js";

/** How recent a heartbeat keeps a stopped container from being declared dead (upstream's maybeMarkContainerDead). */
const RECENT_HEARTBEAT_MS = 15_000;

const FAST_BEATS = { STUB_HEARTBEAT_INTERVAL_MS: "300" };

describe.skipIf(dockerMissing() || process.env.E2E_PLATFORM === "external")(
  "workspace resilience on the embedded platform",
  () => {
    let fixture: EmbeddedPlatform;
    const workspaces: ProvisionedWorkspace[] = [];

    beforeAll(async () => {
      // A short liveness TTL so a dead runtime goes offline in seconds; no timed health sweep, so the
      // proxy's own dead-container probe is what a request meets first.
      fixture = await startEmbeddedPlatform(runContext(), { livenessTtlMs: 2_000, healthSweepIntervalMs: 0 });
    });

    afterAll(async () => {
      for (const ws of workspaces) await fixture?.client.deleteWorkspace(ws.id, ws.name).catch(() => {});
      await fixture?.close();
    });

    const provision = async (name: string) => {
      const ws = await provisionWorkspace(fixture, { name, env: FAST_BEATS });
      workspaces.push(ws);
      return ws;
    };

    it("keeps heartbeating through a token rotated while it runs, recovering within one beat", async () => {
      const ws = await provision("Rotation Under Load");
      const since = fixture.platform.events.cursor();
      const rotated = await fixture.platform.control.rotateToken(ws.id);
      // Counted from when the new token is in the volume, by the journal rather than the clock: until
      // then every beat must fail (the old token is revoked first), however long the write takes.
      const lastSeq = fixture.platform.control.journal().at(-1)?.seq ?? 0;
      // Three accepted beats after the rotation: the stub re-read the volume and kept going.
      let cursor = since;
      for (let i = 0; i < 3; i++) {
        const after = cursor;
        const beat = await fixture.platform.events.waitFor(
          (e) => e.type === "WORKSPACE_HEARTBEAT" && e.workspaceId === ws.id && e.seq > after,
          { since: after, timeoutMs: 10_000, description: "a heartbeat after the rotation" },
        );
        cursor = beat.seq;
      }
      const beats = fixture.platform.control
        .journal()
        .filter(
          (entry) =>
            entry.seq > lastSeq && entry.path === "/registry/heartbeat" && entry.workspaceId === ws.id,
        );
      const firstAccepted = beats.findIndex((entry) => entry.status === 200);
      expect(firstAccepted).toBeGreaterThanOrEqual(0);
      expect(firstAccepted).toBeLessThanOrEqual(1); // at most the one beat in flight during the rotation fails
      expect(beats.slice(firstAccepted).every((entry) => entry.status === 200)).toBe(true);
      const volume = await readVolumeFile(fixture.docker, {
        volume: workspaceNames(ws.id).configVolume,
        image: fixture.workspaceImage,
        labels: fixture.run.labels,
        name: ".auth_token",
      });
      expect(volume?.content.trim()).toBe(rotated);
    });

    it("answers 503 'container restart triggered' for a SIGKILLed container, and the restart brings it back", async () => {
      const ws = await provision("Killed Then Probed");
      const name = workspaceNames(ws.id).container;
      const before = (await fixture.docker.getContainer(name).inspect()).Id;
      const since = fixture.cursor();
      // Upstream's maybeMarkContainerDead queues (202) while the last heartbeat is under 15 s old. So
      // the heartbeats are refused for longer than that first, while the container still runs (the health
      // sweep, which restarts dead containers, leaves it alone), and the kill comes just before the call.
      // Registers too: a register also stamps the last heartbeat, and the stub re-registers when its
      // beats keep failing.
      const refused = ["/registry/heartbeat", "/registry/register"].map((path) =>
        fixture.platform.control.addFault({
          method: "POST",
          path,
          status: 503,
          body: { error: "refused by the test" },
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, RECENT_HEARTBEAT_MS + 1_000));
      await fixture.docker.getContainer(name).kill({ signal: "SIGKILL" });
      const reply = await fixture.client
        .a2a(ws.id, harnessMessage("ping"), { token: ws.token, callerId: ws.id })
        .finally(() => {
          for (const fault of refused) fixture.platform.control.removeFault(fault.id);
        });
      expect(reply.status).toBe(503);
      expect(reply.body).toMatchObject({
        error: PlatformMessages.agentUnreachableRestarting,
        restarting: true,
      });
      const row = await fixture.waitForStatus(ws.id, "online", {
        since,
        afterRestart: true,
        timeoutMs: 60_000,
        failOn: ["failed"],
      });
      expect(row.status).toBe("online");
      const after = await fixture.docker.getContainer(name).inspect();
      expect(after.State.Running).toBe(true);
      expect(after.Id).not.toBe(before);
    });

    it("goes offline after the liveness TTL when its runtime dies silently, then RestartByID brings it back", async () => {
      const ws = await provision("Killed Quietly");
      const name = workspaceNames(ws.id).container;
      const before = (await fixture.docker.getContainer(name).inspect()).Id;
      const since = fixture.cursor();
      await fixture.docker.getContainer(name).kill({ signal: "SIGKILL" }); // docker kill: no restart policy rescue
      await fixture.waitForStatus(ws.id, "offline", { since, timeoutMs: 30_000 });
      await fixture.waitForStatus(ws.id, "online", {
        since,
        afterRestart: true,
        timeoutMs: 60_000,
        failOn: ["failed"],
      });
      const after = await fixture.docker.getContainer(name).inspect();
      expect(after.Id).not.toBe(before);
      const reply = await sendThroughProxy(fixture.client, ws.id, ws.token, harnessMessage("ping"));
      expect(MessageSendResponse.safeParse(reply.body).success).toBe(true);
    });

    it("answers 404 'workspace not found' for an unknown workspace", async () => {
      const reply = await fixture.client.a2a("00000000-0000-0000-0000-000000000000", harnessMessage("ping"), {
        token: fixture.client.adminToken,
      });
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual({ error: PlatformMessages.workspaceNotFound });
    });

    it("queues A2A for an external workspace that has no URL yet (202 with a UUID queue_id)", async () => {
      const created = await fixture.client.request("POST", "/workspaces", {
        token: fixture.client.adminToken,
        json: { name: "Offline Test", tier: 1, runtime: "external", external: true },
      });
      expect(created.status).toBe(201);
      const id = (created.body as { id: string }).id;
      workspaces.push({ id, name: "Offline Test", token: "" });
      const reply = await fixture.client.a2a(id, harnessMessage("ping"), {
        token: fixture.client.adminToken,
      });
      expect(reply.status).toBe(202);
      expect(reply.body).toMatchObject({ queued: true, queue_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      const queueId = (reply.body as { queue_id: string }).queue_id;
      const status = await fixture.client.queueStatus(id, queueId, { token: fixture.client.adminToken });
      expect(status.status).toBe(200);
      expect(status.body).toMatchObject({ queue_id: queueId, workspace_id: id, status: "queued" });
    });
  },
);
