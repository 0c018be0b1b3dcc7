import { heartbeatBody, registerBody } from "../check-context.js";
import { Findings, type PlatformCheck, seen, skip } from "../platform-check.js";

const urlPreserved: PlatformCheck = {
  id: "registry.url-preserved",
  level: "MUST",
  section: "contract 4.3 (#11798)",
  rule: "A re-register keeps a stored http://localhost:<port> or http://127.0.0.1:<port> URL whose port is not 8000, and overwrites one whose port is 8000.",
  fix: "keep the existing URL when it starts with http://127.0.0.1: or http://localhost: and its port is not 8000 (the runtime's fallback); otherwise write the payload's",
  async run(ctx) {
    const f = new Findings();
    const port = ctx.agent.port === 8000 ? 8001 : ctx.agent.port;
    const hostPort = `http://localhost:${port}`;
    const fallback = "http://localhost:8000";
    const kept = await ctx.runtime({ url: hostPort });
    f.status(
      "the re-register with the :8000 URL",
      await ctx.client.register(registerBody(kept.id, fallback), { token: kept.token }),
      200,
    );
    const keptRow = await ctx.row(kept.id);
    f.expect(
      keptRow?.url === hostPort,
      `a re-register with ${fallback} turned the stored ${hostPort} into ${JSON.stringify(keptRow?.url)}`,
    );
    const replaced = await ctx.runtime({ url: fallback });
    f.status(
      "the re-register with a host-port URL",
      await ctx.client.register(registerBody(replaced.id, hostPort), { token: replaced.token }),
      200,
    );
    const replacedRow = await ctx.row(replaced.id);
    f.expect(
      replacedRow?.url === hostPort,
      `a re-register with ${hostPort} left the stored ${fallback} as ${JSON.stringify(replacedRow?.url)}`,
    );
    return f.outcome(this, `${hostPort} kept over ${fallback}; ${fallback} replaced by ${hostPort}`);
  },
};

const removedStaysRemoved: PlatformCheck = {
  id: "registry.removed-stays-removed",
  level: "MUST",
  section: "contract 4.3, 5.2 (#73)",
  rule: "A late register or heartbeat for a deleted workspace leaves the row removed (GET answers 410).",
  fix: "guard the register upsert and the heartbeat UPDATE with status != 'removed', and mark the row removed before stopping containers",
  async run(ctx) {
    const f = new Findings();
    const runtime = await ctx.runtime();
    const row = await ctx.row(runtime.id);
    await ctx.client.deleteWorkspace(runtime.id, row?.name ?? runtime.id);
    const late = [
      ["a late heartbeat", () => ctx.client.heartbeat(heartbeatBody(runtime.id), { token: runtime.token })],
      [
        "a late register",
        () => ctx.client.register(registerBody(runtime.id, runtime.url), { token: runtime.token }),
      ],
      ["a late register without a bearer", () => ctx.client.register(registerBody(runtime.id, runtime.url))],
    ] as const;
    for (const [what, send] of late) {
      await send();
      const after = await ctx.row(runtime.id);
      f.expect(
        after?.status === "removed",
        `after ${what} the deleted row reads ${JSON.stringify(after?.status)}, not removed`,
      );
    }
    const get = await ctx.client.request("GET", `/workspaces/${runtime.id}`, { token: ctx.adminToken });
    f.status("GET of the deleted workspace", get, 410);
    return f.outcome(this, "a late heartbeat and two late registers left the deleted row removed; GET 410");
  },
};

const pausedStaysPaused: PlatformCheck = {
  id: "registry.paused-stays-paused",
  level: "MUST",
  section: "contract 4.3 (core#2332)",
  rule: "A register or heartbeat from a lingering runtime leaves a paused workspace paused.",
  fix: "guard the register upsert with status NOT IN ('removed','paused','hibernated'); let only resume/wake leave dormancy",
  async run(ctx) {
    const f = new Findings();
    const runtime = await ctx.runtime();
    const pause = await ctx.client.request("POST", `/workspaces/${runtime.id}/pause`, {
      token: runtime.token,
    });
    const routeMissing =
      pause.status === 404 && typeof (pause.body as { error?: unknown })?.error !== "string";
    if (routeMissing || pause.status === 405) {
      return skip(
        `the platform has no POST /workspaces/:id/pause (${seen(pause)}): no workspace can be paused here`,
      );
    }
    if (!f.status("POST /workspaces/:id/pause", pause, 200)) return f.outcome(this, "");
    const paused = await ctx.row(runtime.id);
    if (
      !f.expect(
        paused?.status === "paused",
        `after pause 200 the row reads ${JSON.stringify(paused?.status)}`,
      )
    ) {
      return f.outcome(this, "");
    }
    await ctx.client.register(registerBody(runtime.id, runtime.url), { token: runtime.token });
    const afterRegister = await ctx.row(runtime.id);
    f.expect(
      afterRegister?.status === "paused",
      `a register flipped the paused row to ${JSON.stringify(afterRegister?.status)}`,
    );
    await ctx.client.heartbeat(heartbeatBody(runtime.id), { token: runtime.token });
    const afterBeat = await ctx.row(runtime.id);
    f.expect(
      afterBeat?.status === "paused",
      `a heartbeat flipped the paused row to ${JSON.stringify(afterBeat?.status)}`,
    );
    return f.outcome(this, "a register and a heartbeat left the paused row paused");
  },
};

/** What a re-register or a late heartbeat must leave alone (contract 4.3: #11798, #73, core#2332). */
export const UPSERT_GUARD_CHECKS: ReadonlyArray<PlatformCheck> = [
  urlPreserved,
  removedStaysRemoved,
  pausedStaysPaused,
];
