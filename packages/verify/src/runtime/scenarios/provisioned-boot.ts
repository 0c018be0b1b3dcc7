import { CreatedWorkspace } from "@molecule-ctk/contract";
import { VerifyError } from "../../verify-error.js";
import { fail, pass, skip, type Verdict } from "../checks/check-recorder.js";
import { judgeCadence, judgeFirstBeat } from "../judges/heartbeat-timing-judges.js";
import type { ProvisionedWorkspace, RunContext } from "./run-context.js";
import { seconds } from "./run-context.js";

/**
 * The platform's own path (contract 1, 8): `POST /workspaces` provisions a container (or process)
 * with its token in the config volume; the runtime listens, registers, heartbeats and goes online.
 * Resolves the workspace when it came online, undefined when it did not (later scenarios skip).
 */
export async function runProvisionedBoot(run: RunContext): Promise<ProvisionedWorkspace | undefined> {
  const { session, checks } = run;
  const { timings } = session;
  run.progress("a provisioned boot");
  const since = session.platform.events.cursor();
  const created = await session.api("POST", "/workspaces", {
    token: session.adminToken,
    // A container workspace without a model is 422 MODEL_REQUIRED, as upstream answers it.
    body: { name: "verify-runtime", tier: 2, model: "claude-opus-4-7", secrets: { ...run.secrets } },
  });
  const body = "problem" in created ? undefined : CreatedWorkspace.safeParse(JSON.parse(created.text));
  if (!body?.success) {
    throw new VerifyError(
      `[verify] the embedded platform refused to create a workspace: ${JSON.stringify(created)}`,
    );
  }
  const { id, auth_token: apiToken } = body.data;
  if (apiToken === undefined) {
    throw new VerifyError(
      `[verify] the embedded platform created workspace ${id} without an auth_token: this is a bug of the kit, please report it`,
    );
  }
  session.labels.set(id, "provisioned");
  const provisioned = await session.until(
    () => session.provisioner.provisions(id)[0]?.result,
    timings.bootMs,
  );
  if (!provisioned) {
    const row = session.platform.state.workspaces.get(id);
    checks.record(
      "register.prompt",
      fail(`the platform could not start the runtime: ${row?.lastSampleError ?? "no answer"}`),
    );
    return undefined;
  }
  const startedAt = Date.now();
  const registers = () => session.calls("/registry/register", id);
  const beats = () => session.calls("/registry/heartbeat", id);
  const accepted = await session.until(() => registers().find((call) => call.status === 200), timings.bootMs);
  const firstRegister = registers()[0];
  // The first beat: at once, so wait a beat past the first register (or the boot bound without one).
  await session.until(
    () =>
      beats()[0] ?? (firstRegister && Date.now() > firstRegister.at + timings.maxGapMs ? true : undefined),
    timings.bootMs,
  );
  const firstBeat = beats()[0];
  const online = await session.until(
    () =>
      session.platform.events
        .history(since)
        .find((e) => e.workspaceId === id && e.type === "STATUS_CHANGED" && e.data.to === "online"),
    firstBeat || accepted ? timings.settleMs : 0,
  );
  // The cadence window: four beats, or as long as four beats take at the promised cadence.
  const windowStart = firstBeat?.at ?? startedAt;
  await session.until(
    () =>
      beats().length >= 5 || Date.now() > windowStart + 3 * timings.beatMs + timings.maxGapMs || undefined,
    timings.bootMs + 4 * timings.maxGapMs,
  );

  checks.record("register.prompt", judgePrompt(run, id, accepted?.at, startedAt));
  const probe = session.probes.find((p) => p.workspaceId === id && p.provision === 1);
  checks.record(
    "boot.listens-before-register",
    !firstRegister || !probe
      ? skip("no register arrived (see register.prompt)")
      : probe.listening
        ? pass("its port answered HTTP when its first register arrived")
        : fail(
            `its port did not answer HTTP when its first register arrived (${probe.problem ?? "no answer"}): start listening first, then register, so the platform's proxy is never ahead of the listener (contract 10.3)`,
          ),
  );
  checks.record(
    "heartbeat.first",
    judgeFirstBeat(firstRegister?.at, firstBeat?.at, Date.now() - startedAt, timings.maxGapMs),
  );
  const windowBeats = beats().filter((call) => call.at >= windowStart);
  checks.record(
    "heartbeat.cadence",
    firstBeat
      ? judgeCadence(
          windowBeats.map((call) => call.at),
          { start: windowStart, end: Date.now() },
          timings.beatMs,
          timings.maxGapMs,
        )
      : fail(
          `no heartbeat at all in ${seconds(Date.now() - startedAt)}: heartbeat every --beat-seconds (contract 5.1)`,
        ),
  );
  checks.record("status.online", judgeOnline(run, id, online ? Date.parse(online.at) : undefined, startedAt));
  return online ? { id, apiToken } : undefined;
}

function judgePrompt(
  run: RunContext,
  id: string,
  acceptedAt: number | undefined,
  startedAt: number,
): Verdict {
  const registers = run.session.calls("/registry/register", id);
  if (acceptedAt !== undefined)
    return pass(`registered ${seconds(Math.max(0, acceptedAt - startedAt))} after it started`);
  if (registers.length === 0) {
    const strangers = run.session.strangerCalls();
    const hint =
      strangers.length > 0
        ? ` (the platform got registry calls for ${strangers.join(", ")}: use WORKSPACE_ID as given)`
        : "";
    return fail(
      `no register in ${seconds(run.session.timings.bootMs)}${hint}: POST /registry/register at boot (contract 10.3)`,
    );
  }
  const statuses = [...new Set(registers.map((call) => call.status))].join(", ");
  const why = statuses.includes("401")
    ? "send the token of $WORKSPACE_CONFIG_PATH/.auth_token as the bearer (#215)"
    : statuses.includes("400")
      ? "send a body the platform binds (see register.body)"
      : "see the platform's answer";
  return fail(`${registers.length} register(s), none accepted (answered ${statuses}): ${why}`);
}

function judgeOnline(run: RunContext, id: string, onlineAt: number | undefined, startedAt: number): Verdict {
  if (onlineAt !== undefined)
    return pass(`online ${seconds(Math.max(0, onlineAt - startedAt))} after it started`);
  const row = run.session.platform.state.workspaces.get(id);
  const strangers = run.session.strangerCalls();
  const hint =
    strangers.length > 0
      ? `; the platform got registry calls for ${strangers.join(", ")}, not ${id}: report WORKSPACE_ID as given (KI-013)`
      : "";
  return fail(
    `the workspace stayed ${row?.status ?? "unknown"}${hint}: an accepted register or heartbeat lifts provisioning (contract 6.2, #1784)`,
  );
}
