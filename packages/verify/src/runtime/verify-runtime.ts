import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { CheckLevel } from "../report/check-result.js";
import type { VerifyReport } from "../report/verify-report.js";
import { VerifyError } from "../verify-error.js";
import { CheckRecorder } from "./checks/check-recorder.js";
import { runA2AAnswers } from "./scenarios/a2a-answers.js";
import { runBootstrapBoot } from "./scenarios/bootstrap-boot.js";
import { runPlatformRestart } from "./scenarios/platform-restart.js";
import { runProvisionedBoot } from "./scenarios/provisioned-boot.js";
import type { RunContext } from "./scenarios/run-context.js";
import { judgeRunWide } from "./scenarios/run-wide-judges.js";
import { runSigterm } from "./scenarios/sigterm-shutdown.js";
import { runHeartbeat401, runReprovision, runRotationInPlace } from "./scenarios/token-rotation.js";
import { runTimings } from "./session/run-timings.js";
import { RuntimeSession } from "./session/runtime-session.js";
import { createDockerSubject, DockerUnavailable } from "./subjects/docker-subject.js";
import { createProcessSubject } from "./subjects/process-subject.js";
import { VERIFY_OWNER_LABEL, VERIFY_RUN_LABEL } from "./subjects/runtime-subject.js";

/** What `verify runtime` verifies, and how. */
export interface RuntimeRunOptions {
  /** An image to provision as containers, or a command to run as host processes. */
  subject: { image: string } | { command: string };
  /** The longest gap between heartbeats the runtime promises. Default 10. */
  beatSeconds?: number;
  /** How long the runtime may take from its start to an accepted register. Default 30. */
  bootSeconds?: number;
  /** The level the verdict holds the runtime to. Default MUST. */
  level?: CheckLevel;
  /** Variables for the runtime, injected as workspace secrets are (contract 8.1). */
  env?: Readonly<Record<string, string>>;
  /** The environment a `--command` runtime inherits (default this process's). */
  callerEnv?: NodeJS.ProcessEnv;
  /** Names the run; everything it makes on Docker carries `molecule-ctk.verify.run=<runId>`. */
  runId?: string;
  /** Stops the run (SIGINT); it still removes everything it made, then rejects. */
  signal?: AbortSignal;
  /** Receives one line per step. */
  progress?: (line: string) => void;
}

/** A runtime's report: the shared report model, plus the runtime and the run's id. */
export interface RuntimeVerifyReport extends VerifyReport {
  kind: "runtime";
  /** The image or command verified (the same as `subject`). */
  runtime: string;
  run_id: string;
}

/**
 * Runs every check of `RUNTIME_CHECKS` against a runtime: an embedded mock platform provisions
 * it (as containers or host processes), drives it through a first boot with the platform down, a
 * provisioned boot, A2A, a 401, a token rotated in place, a re-provision, a platform restart and
 * SIGTERM, and judges what it saw. Everything it made is removed before it resolves or rejects.
 */
export async function verifyRuntime(options: RuntimeRunOptions): Promise<RuntimeVerifyReport> {
  const runId = options.runId ?? `verify-${randomBytes(4).toString("hex")}`;
  const signal = options.signal ?? new AbortController().signal;
  const timings = runTimings(options.beatSeconds ?? 10, options.bootSeconds ?? 30);
  const name = "image" in options.subject ? options.subject.image : options.subject.command;
  const report = (checks: VerifyReport["checks"]): RuntimeVerifyReport => ({
    kind: "runtime",
    subject: name,
    runtime: name,
    run_id: runId,
    started_at: startedAt,
    level: options.level ?? "MUST",
    checks,
  });
  const startedAt = new Date().toISOString();
  const labels = { [VERIFY_RUN_LABEL]: runId, [VERIFY_OWNER_LABEL]: `${hostname()}:${process.pid}` };
  const subject =
    "image" in options.subject
      ? await createDockerSubject(options.subject.image, labels)
      : await createProcessSubject(options.subject.command, options.callerEnv ?? process.env, runId);
  const checks = new CheckRecorder();
  if (subject instanceof DockerUnavailable) return report(checks.results(subject.reason));
  const session = new RuntimeSession(subject, timings, signal);
  const run: RunContext = {
    session,
    checks,
    secrets: options.env ?? {},
    progress: options.progress ?? (() => {}),
  };
  let notRun = "not run";
  try {
    const bootstrap = await runBootstrapBoot(run);
    if (!bootstrap.ran) {
      // The shell's "not found" (127) or "not executable" (126): the command, not the runtime, is wrong.
      if (subject.kind === "command" && (bootstrap.exitCode === 127 || bootstrap.exitCode === 126)) {
        throw new VerifyError(
          `[verify] --command did not run: /bin/sh exited ${bootstrap.exitCode} (${bootstrap.lastLine}): check the command and the PATH it runs with`,
        );
      }
      return report(
        checks.results("not run: the runtime exited at its first boot (see boot.platform-unreachable)"),
      );
    }
    const workspace = await runProvisionedBoot(run);
    let stateLostAt = Number.POSITIVE_INFINITY;
    if (workspace === undefined) {
      notRun = "not run: the provisioned workspace never came online (see status.online)";
    } else {
      await runA2AAnswers(run, workspace);
      await runHeartbeat401(run, workspace);
      await runRotationInPlace(run, workspace);
      if (await runReprovision(run, workspace)) {
        stateLostAt = Date.now();
        await runPlatformRestart(run, workspace);
        await runSigterm(run, workspace);
      } else {
        notRun = "not run: the runtime did not come back after the re-provision (see token.reprovision)";
      }
    }
    judgeRunWide(run, workspace?.id, stateLostAt);
  } finally {
    run.progress("removing what the run made");
    await session.close().catch(() => {});
    await session.provisioner.close().catch(() => {}); // the subject's close sweeps what this left
    await subject.close();
  }
  return report(checks.results(notRun));
}
