import { fail, pass, skip, type Verdict } from "../checks/check-recorder.js";
import type { ObservedCall } from "../judges/observed-call.js";
import { hash12 } from "../session/token-fingerprint.js";
import { type ProvisionedWorkspace, type RunContext, seconds } from "./run-context.js";

/**
 * A heartbeat answered 401 (as after a rotation the runtime missed): the runtime must re-register,
 * and its heartbeats must resume (contract 10.4).
 */
export async function runHeartbeat401(run: RunContext, workspace: ProvisionedWorkspace): Promise<void> {
  const { session, checks } = run;
  const { timings } = session;
  run.progress("a heartbeat answered 401");
  const cursor = session.journalCursor();
  const fault = session.platform.control.addFault({
    method: "POST",
    path: "/registry/heartbeat",
    status: 401,
    body: { error: "invalid workspace auth token" },
    times: 1,
  });
  const rejected = await session.until(
    () => session.calls("/registry/heartbeat", workspace.id, cursor).find((call) => call.status === 401),
    timings.maxGapMs + timings.beatMs,
  );
  session.platform.control.removeFault(fault.id);
  if (!rejected) {
    checks.record("token.401-reregister", skip("no heartbeat arrived to answer 401 (see heartbeat.cadence)"));
    return;
  }
  const register = await session.until(
    () =>
      session.calls("/registry/register", workspace.id, rejected.index).find((call) => call.status === 200),
    timings.settleMs,
  );
  const resumed =
    register &&
    (await session.until(
      () =>
        session
          .calls("/registry/heartbeat", workspace.id, register.index)
          .find((call) => call.status === 200),
      timings.settleMs,
    ));
  checks.record(
    "token.401-reregister",
    !register
      ? fail(
          `no register was accepted within ${seconds(timings.settleMs)} of the 401: on a heartbeat 401, re-register (contract 10.4), then go on beating`,
        )
      : !resumed
        ? fail(
            `it re-registered ${seconds(register.at - rejected.at)} after the 401, but no heartbeat was accepted within ${seconds(timings.settleMs)} after: go on beating after a 401`,
          )
        : pass(
            `re-registered ${seconds(register.at - rejected.at)} after the 401; heartbeats resumed ${seconds(resumed.at - rejected.at)} after it`,
          ),
  );
}

/**
 * The platform's rotate-token fault (as a provision racing a running container does): the instance
 * token is revoked and a new one written into the running workspace's volume. The next beats must
 * carry the new token within a beat, and no beat may be refused for longer than a beat (#1877).
 */
export async function runRotationInPlace(run: RunContext, workspace: ProvisionedWorkspace): Promise<void> {
  const { session, checks } = run;
  const { timings } = session;
  run.progress("a token rotated in place");
  const cursor = session.journalCursor();
  const rotatedAt = Date.now();
  const token = await session.platform.control.rotateToken(workspace.id);
  const fingerprint = hash12(token);
  const beats = () => session.calls("/registry/heartbeat", workspace.id, cursor);
  const withNew = await session.until(
    () =>
      beats().find(
        (call) => call.status === 200 && call.bearer.kind === "token" && call.bearer.hash12 === fingerprint,
      ),
    timings.settleMs + timings.maxGapMs,
  );
  if (withNew) await session.pause(timings.beatMs + 500); // one more beat: it must not go back
  checks.record("token.rotation-in-place", judgeRotation(beats(), rotatedAt, withNew, timings.maxGapMs));
}

function judgeRotation(
  beats: ReadonlyArray<ObservedCall>,
  rotatedAt: number,
  withNew: ObservedCall | undefined,
  maxGapMs: number,
): Verdict {
  const fix =
    "re-read $WORKSPACE_CONFIG_PATH/.auth_token before every heartbeat, or at least on a 401 (#1877)";
  if (!withNew) {
    const refused = beats.filter((call) => call.status === 401).length;
    return fail(
      `no heartbeat with the new token was accepted (${beats.length} beats after the rotation, ${refused} refused with 401): ${fix}`,
    );
  }
  if (withNew.at - rotatedAt > maxGapMs) {
    return fail(
      `the first accepted beat with the new token came ${seconds(withNew.at - rotatedAt)} after the rotation (at most ${seconds(maxGapMs)}): ${fix}`,
    );
  }
  const firstRefused = beats.find((call) => call.status === 401);
  if (firstRefused && withNew.at - firstRefused.at > maxGapMs) {
    return fail(`beats were refused for ${seconds(withNew.at - firstRefused.at)} after the rotation: ${fix}`);
  }
  const lateRefusal = beats.find((call) => call.at > withNew.at && call.status === 401);
  if (lateRefusal)
    return fail(
      `heartbeat #${lateRefusal.index} went back to a refused token after the new one was accepted: ${fix}`,
    );
  return pass(`beat with the new token ${seconds(withNew.at - rotatedAt)} after the rotation`);
}

/**
 * A restart (contract 8.6): the platform revokes the token, mints and writes a new one, and starts a
 * new container (or process) on the same config volume. The runtime must come back online with it.
 */
export async function runReprovision(run: RunContext, workspace: ProvisionedWorkspace): Promise<boolean> {
  const { session, checks } = run;
  const { timings, provisioner } = session;
  run.progress("a re-provision with a rotated token");
  const before = provisioner.provisions(workspace.id).length;
  const since = session.platform.events.cursor();
  const restarted = await session.api("POST", `/workspaces/${workspace.id}/restart`, {
    token: workspace.apiToken,
    body: {},
  });
  if ("problem" in restarted || restarted.status !== 200) {
    checks.record("token.reprovision", skip(`the platform's restart failed: ${JSON.stringify(restarted)}`));
    return false;
  }
  const record = await session.until(() => {
    const next = provisioner.provisions(workspace.id)[before];
    return next?.result ? next : undefined;
  }, timings.bootMs);
  const token = record?.token;
  const online = await session.until(
    () =>
      session.platform.events
        .history(since)
        .find((e) => e.workspaceId === workspace.id && e.type === "STATUS_CHANGED" && e.data.to === "online"),
    timings.bootMs,
  );
  // Its boot is over once a register and a beat, both with the rotated token, were accepted.
  const withToken = (path: "/registry/register" | "/registry/heartbeat") =>
    token &&
    session
      .calls(path, workspace.id)
      .find(
        (call) =>
          call.at >= (record?.startedAt ?? 0) &&
          call.status === 200 &&
          call.bearer.kind === "token" &&
          call.bearer.hash12 === hash12(token),
      );
  const booted = await session.until(
    () => (withToken("/registry/heartbeat") && withToken("/registry/register") ? true : undefined),
    online ? timings.settleMs : 0,
  );
  const beat = withToken("/registry/heartbeat");
  const output = record && !online ? (await session.subject.output(workspace.id)).slice(-3).join(" | ") : "";
  checks.record(
    "token.reprovision",
    !record
      ? fail(
          `the platform could not start the runtime again: ${session.platform.state.workspaces.get(workspace.id)?.lastSampleError ?? "no answer"}`,
        )
      : !online
        ? fail(
            `not online again within ${seconds(timings.bootMs)} of the restart (it printed: ${output || "nothing"}): boot on a config volume an earlier boot used (contract 8.6)`,
          )
        : !beat || !booted
          ? fail(
              `online again, but no ${beat ? "register" : "heartbeat"} with the rotated token was accepted within ${seconds(timings.settleMs)}: read .auth_token at boot, it changes on every provision (#418)`,
            )
          : pass(
              `online again ${seconds(Date.parse(online.at) - record.startedAt)} after the new start, beating with the rotated token`,
            ),
  );
  return online !== undefined;
}
