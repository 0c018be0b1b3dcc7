import type { WorkspaceStatus } from "@molecule-ctk/contract";
import { heartbeatBody } from "../check-context.js";
import { Findings, type PlatformCheck, seen } from "../platform-check.js";

const liftsToOnline: PlatformCheck = {
  id: "heartbeat.lifts-to-online",
  level: "MUST",
  section: "contract 6.2 (#1784)",
  rule: "Any accepted heartbeat lifts a provisioning or awaiting_agent workspace to online (restarted runtimes only heartbeat).",
  fix: "flip provisioning (and offline, awaiting_agent, failed) to online inline in the heartbeat UPDATE, as PR #1794 does",
  async run(ctx) {
    const f = new Findings();
    const created = await ctx.containerWorkspace("lift");
    const before = await ctx.row(created.id);
    // A token minted now is the newest one, whatever a provisioner already rotated.
    const token = await ctx.client.mintToken(created.id);
    const beat = await ctx.client.heartbeat(heartbeatBody(created.id), { token });
    f.status("the heartbeat of the created workspace", beat, 200);
    const after = await ctx.row(created.id);
    f.expect(
      after?.status === "online",
      `a heartbeat accepted for a ${before?.status ?? "new"} workspace left it ${JSON.stringify(after?.status)}`,
    );
    const external = await ctx.external("lift");
    const awaiting = await ctx.row(external.id);
    f.status(
      "the heartbeat of the external workspace",
      await ctx.client.heartbeat(heartbeatBody(external.id), { token: external.token }),
      200,
    );
    const lifted = await ctx.row(external.id);
    f.expect(
      lifted?.status === "online",
      `a heartbeat accepted for an ${awaiting?.status ?? "external"} workspace left it ${JSON.stringify(lifted?.status)}`,
    );
    return f.outcome(this, `one heartbeat each lifted ${before?.status} and ${awaiting?.status} to online`);
  },
};

// What a row may read once its liveness key expired: offline, or already in the restart
// RestartByID starts when the platform has a provisioner (its health sweep may come first).
const EXPIRED: ReadonlySet<WorkspaceStatus> = new Set([
  "offline",
  "provisioning",
  "failed",
  "awaiting_agent",
]);

const livenessExpires: PlatformCheck = {
  id: "liveness.expires-to-offline",
  level: "MUST",
  section: "contract 6.3",
  rule: "A workspace that registers and then stops heartbeating goes offline once the liveness TTL runs out, and its next heartbeat lifts it back to online.",
  fix: "SET ws:<id> with the 180 s TTL on register, EXPIRE it on each beat, and mark the row offline (then RestartByID) when the key expires",
  background: true,
  async run(ctx) {
    const f = new Findings();
    const runtime = await ctx.runtime();
    const started = Date.now();
    const budget = ctx.options.livenessTtlMs * 1.2 + 10_000;
    const row = await ctx.waitForRow(runtime.id, (r) => EXPIRED.has(r.status), budget);
    const waited = ((Date.now() - started) / 1000).toFixed(1);
    if (
      !f.expect(
        row !== undefined && EXPIRED.has(row.status),
        `still ${JSON.stringify(row?.status)} ${waited} s after its last sign of life (TTL ${ctx.options.livenessTtlMs / 1000} s)`,
      )
    ) {
      return f.outcome(this, "");
    }
    if (row!.status !== "offline") {
      return f.outcome(
        this,
        `${row!.status} after ${waited} s without a heartbeat (the platform re-provisions it)`,
      );
    }
    const beat = await ctx.client.heartbeat(heartbeatBody(runtime.id), { token: runtime.token });
    const back = await ctx.row(runtime.id);
    f.expect(
      beat.status === 200 && back?.status === "online",
      `a heartbeat after the expiry answered ${seen(beat)} and left the row ${JSON.stringify(back?.status)}, expected online`,
    );
    return f.outcome(
      this,
      `offline ${waited} s after the register without a heartbeat; the next heartbeat lifted it to online`,
    );
  },
};

export const STATUS_CHECKS: ReadonlyArray<PlatformCheck> = [liftsToOnline, livenessExpires];
