import {
  harnessMessage,
  MessageSendResponse,
  PlatformLabels,
  STUB_REPLY_TEXT,
  sendThroughProxy,
} from "@molecule-ctk/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspaceNames } from "../e2e-test-utils.js";
import type { PlatformFixture } from "../platform/platform-fixture.js";
import { readVolumeFile, writeVolumeFile } from "./config-volume.js";
import { timed } from "./step-timings.js";

const NAME = "Lifecycle E2E Stub";
const MODEL = "claude-opus-4-7";
const LLM_KEY = "ANTHROPIC_API_KEY";
const LLM_VALUE = "sk-ant-e2e-stub-dummy-not-a-real-key";
const CONFIG_YAML = `name: %ID%
description: lifecycle e2e
version: 1.0.0
tier: 2
runtime: claude-code
model: ${MODEL}
runtime_config:
  model: ${MODEL}
  timeout: 0
`;

/**
 * The upstream bash lifecycle harness (contract 12.2), step by step, each asserting what the harness
 * asserts, against the platform `createFixture` gives: one definition for every platform.
 */
export function describeHarnessSteps(
  title: string,
  createFixture: () => Promise<PlatformFixture>,
  skip = false,
): void {
  describe.skipIf(skip).sequential(title, () => {
    let fixture: PlatformFixture;
    let workspaceId = "";
    let token = "";
    let firstContainerId = "";
    let firstUrl = "";
    let deleted = false;

    beforeAll(async () => {
      fixture = await createFixture();
    });

    afterAll(async () => {
      // A failed step must not leave its workspace behind: delete it the way the harness's trap does.
      if (workspaceId && !deleted) await fixture?.client.deleteWorkspace(workspaceId, NAME).catch(() => {});
      await fixture?.close();
    });

    const containerState = async () => {
      try {
        const info = await fixture.docker.getContainer(workspaceNames(workspaceId).container).inspect();
        return { running: info.State.Running, id: info.Id, labels: info.Config.Labels };
      } catch {
        return { running: false, id: "", labels: {} };
      }
    };

    it("2a: creates the workspace", async () => {
      const created = await timed("create", () =>
        fixture.client.createWorkspace({
          name: NAME,
          tier: 2,
          runtime: "claude-code",
          model: MODEL,
          secrets: { [LLM_KEY]: LLM_VALUE },
        }),
      );
      expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
      workspaceId = created.id;
    });

    it("2b: mints a workspace token (201)", async () => {
      token = await fixture.client.mintToken(workspaceId);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it("2c/2e: writes secrets with the workspace token, as self-writes that do not restart it", async () => {
      const since = fixture.cursor();
      const before = await containerState();
      await fixture.client.writeSecret(workspaceId, token, LLM_KEY, LLM_VALUE);
      await fixture.client.writeSecret(workspaceId, token, "HOSTNAME", "localhost");
      await fixture.settle(workspaceId);
      // Where the platform has events (every mock platform) they tell; a real platform shows a
      // restart only as a new ws-<id> container, so its container must be the one from before.
      const provisions = fixture.provisioningsSince(workspaceId, since);
      if (provisions !== undefined) expect(provisions).toBe(0);
      if (before.id) expect((await containerState()).id).toBe(before.id);
    });

    it("2f: seeds config.yaml into the config volume, without a shell image", async () => {
      await fixture.settle(workspaceId);
      const volume = workspaceNames(workspaceId).configVolume;
      const options = { volume, image: fixture.workspaceImage, labels: fixture.run.labels };
      await writeVolumeFile(fixture.docker, {
        ...options,
        name: "config.yaml",
        content: CONFIG_YAML.replace("%ID%", workspaceId),
      });
      const seeded = await readVolumeFile(fixture.docker, { ...options, name: "config.yaml" });
      expect(seeded?.content).toContain(`name: ${workspaceId}`);
      expect(seeded?.uid).toBe(1000);
    });

    it("3: provisions on restart, comes online, runs ws-<id> and stores a localhost URL", async () => {
      const since = fixture.cursor();
      await fixture.client.restart(workspaceId, token);
      const row = await timed("provision → online", () =>
        fixture.waitForStatus(workspaceId, "online", {
          since,
          afterRestart: true,
          timeoutMs: 90_000,
          failOn: ["failed"],
        }),
      );
      expect(row.status).toBe("online");
      const container = await containerState();
      expect(container.running).toBe(true);
      expect(container.labels).toMatchObject({ [PlatformLabels.managed]: "true" });
      expect(row.url).toMatch(/^http:\/\/(localhost|127\.0\.0\.1):\d+$/);
      firstContainerId = container.id;
      firstUrl = row.url ?? "";

      const log = fixture.logLines();
      if (log) {
        expect(log.join("\n")).toContain(
          `boot-telemetry: workspace=${workspaceId} step=1/8 key=PWR status=running`,
        );
      } else {
        expect(
          process.env.SKIP_BOOT_TELEMETRY_LOG_ASSERT,
          "set PLATFORM_LOG, or SKIP_BOOT_TELEMETRY_LOG_ASSERT=1",
        ).toBeTruthy();
      }
    });

    it("3b: lists and gets the workspace (200, valid JSON, the id present)", async () => {
      const { rows, text } = await fixture.client.listWorkspaces();
      expect(text).toContain(`"${workspaceId}"`);
      expect(rows.map((row) => row.id)).toContain(workspaceId);
      expect((await fixture.client.getWorkspace(workspaceId)).id).toBe(workspaceId);
    });

    it("4: survives a restart with a fresh token: provisioning, online again, the volume token rotated", async () => {
      const names = workspaceNames(workspaceId);
      const volume = {
        volume: names.configVolume,
        image: fixture.workspaceImage,
        labels: fixture.run.labels,
        name: ".auth_token",
      };
      const before = await readVolumeFile(fixture.docker, volume);
      expect(before?.content.trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);

      token = await fixture.client.mintToken(workspaceId);
      const since = fixture.cursor();
      const restart = await fixture.client.restart(workspaceId, token);
      expect(restart.text).toContain("provisioning");
      const row = await timed("restart → online", () =>
        fixture.waitForStatus(workspaceId, "online", {
          since,
          afterRestart: true,
          timeoutMs: 90_000,
          failOn: ["failed"],
        }),
      );
      expect(row.last_sample_error ?? "").not.toMatch(/config volume is empty/i);
      const config = await readVolumeFile(fixture.docker, { ...volume, name: "config.yaml" });
      expect(config?.content).toContain(`name: ${workspaceId}`); // the restart reused the seeded volume

      const container = await containerState();
      expect(container.running).toBe(true); // checked once, as the harness does
      expect(container.id).not.toBe(firstContainerId);
      expect(row.url).not.toBe(firstUrl); // a new pre-allocated host port

      const after = await readVolumeFile(fixture.docker, volume);
      expect(after?.content.trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(after?.content).not.toBe(before?.content);
      expect(after?.mode).toBe(0o600);
      expect(after?.uid).toBe(1000);
    });

    it("5: reaches the stub through the A2A proxy: STUB OK from role agent", async () => {
      const reply = await timed("A2A round trip", () =>
        sendThroughProxy(fixture.client, workspaceId, token, harnessMessage("ping")),
      );
      expect(reply.status).toBe(200);
      expect(reply.text).toContain('"result"');
      expect(reply.text).toContain(STUB_REPLY_TEXT);
      const parsed = MessageSendResponse.parse(reply.body);
      expect("result" in parsed && parsed.result.kind === "message" && parsed.result.role).toBe("agent");
    });

    it("5: keeps the caller's id when the caller sends a full JSON-RPC envelope", async () => {
      const envelope = { jsonrpc: "2.0", id: "custom-id-123", ...(harnessMessage("ping") as object) };
      const reply = await sendThroughProxy(fixture.client, workspaceId, token, envelope);
      expect(reply.body).toMatchObject({ jsonrpc: "2.0", id: "custom-id-123", result: { role: "agent" } });
    });

    it("deletes the workspace and removes its container and volumes", async () => {
      await timed("teardown", () => fixture.client.deleteWorkspace(workspaceId, NAME));
      deleted = true;
      const gone = await fixture.client.request("GET", `/workspaces/${workspaceId}`, {
        token: fixture.client.adminToken,
      });
      expect([404, 410]).toContain(gone.status);
      expect((await containerState()).running).toBe(false);
      await expect(
        fixture.docker.getContainer(workspaceNames(workspaceId).container).inspect(),
      ).rejects.toMatchObject({
        statusCode: 404,
      });
      for (const volume of [
        workspaceNames(workspaceId).configVolume,
        workspaceNames(workspaceId).workspaceVolume,
      ]) {
        await expect(fixture.docker.getVolume(volume).inspect()).rejects.toMatchObject({ statusCode: 404 });
      }
    });
  });
}
