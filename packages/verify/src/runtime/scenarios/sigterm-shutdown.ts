import { fail, pass } from "../checks/check-recorder.js";
import { type ProvisionedWorkspace, type RunContext, seconds } from "./run-context.js";

/** SIGTERM, as `docker stop` sends it: the runtime should end within the bound (contract 10.1). */
export async function runSigterm(run: RunContext, workspace: ProvisionedWorkspace): Promise<void> {
  const { session, checks } = run;
  run.progress("SIGTERM");
  const bound = session.timings.sigtermMs;
  const { ended, ms } = await session.subject.terminate(workspace.id, bound);
  checks.record(
    "shutdown.sigterm",
    ended
      ? pass(`ended ${seconds(ms)} after SIGTERM`)
      : fail(
          `still running ${seconds(bound)} after SIGTERM, then killed: handle SIGTERM (as PID 1 nothing does it for you, and docker stop waits 10 s before SIGKILL)`,
        ),
    ms,
  );
}
