import { fail, pass } from "../checks/check-recorder.js";
import { type ProvisionedWorkspace, type RunContext, seconds } from "./run-context.js";

/**
 * The platform restarts having lost its state (contract 14): for about a beat every request is
 * dropped, then it answers again with no row and no token of the workspace. The runtime must keep
 * running, and its heartbeats must be accepted again within about two beats.
 */
export async function runPlatformRestart(run: RunContext, workspace: ProvisionedWorkspace): Promise<void> {
  const { session, checks } = run;
  const { timings } = session;
  run.progress("the platform restarting with its state lost");
  const cursor = session.journalCursor();
  session.platform.control.loseState({ downtimeMs: timings.downtimeMs });
  const upAt = Date.now() + timings.downtimeMs;
  const accepted = await session.until(
    () =>
      session
        .calls("/registry/heartbeat", workspace.id, cursor)
        .find((call) => call.at >= upAt && call.status === 200),
    timings.downtimeMs + timings.settleMs,
  );
  const running = await session.provisioner.isRunning(workspace.id);
  const after = session.calls("/registry/heartbeat", workspace.id, cursor);
  const dropped = after.filter((call) => call.status === 0).length;
  const answered = after.filter((call) => call.at >= upAt).map((call) => call.status);
  checks.record(
    "platform.restart",
    !running
      ? fail(
          "the runtime exited while the platform was away: retry the platform's calls instead of exiting (contract 10.4)",
        )
      : !accepted
        ? fail(
            `no heartbeat was accepted within ${seconds(timings.settleMs)} after the platform came back (${dropped} dropped while it was away, then ${answered.length > 0 ? `answered ${answered.join(", ")}` : "none"}): keep beating through network errors`,
          )
        : pass(
            `${dropped} beat(s) dropped while the platform was away; beating again ${seconds(accepted.at - upAt)} after it came back`,
          ),
  );
}
