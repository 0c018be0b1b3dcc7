import { randomUUID } from "node:crypto";
import { fail, pass, skip } from "../checks/check-recorder.js";
import type { ObservedCall } from "../judges/observed-call.js";
import { holdPlatformPort } from "../session/unreachable-platform.js";
import { type RunContext, seconds } from "./run-context.js";

/**
 * A first-ever boot with the platform down: a workspace provisioned the SaaS way (no token in its
 * config volume, no row on the platform, contract 3.2), whose runtime finds the platform's port
 * cutting every connection. After about a beat the platform comes up; the runtime must register
 * without a bearer (a bootstrap), keep the token the register returns, and beat with it.
 */
export async function runBootstrapBoot(run: RunContext): Promise<BootstrapOutcome> {
  const { session, checks } = run;
  const { timings, provisioner } = session;
  const id = randomUUID();
  session.labels.set(id, "bootstrap");
  run.progress("a first boot while the platform is down");
  const down = await holdPlatformPort(session.subject.listenHosts, session.subject.platformPort);
  try {
    await provisioner.provision({
      workspaceId: id,
      name: "verify-runtime-bootstrap",
      tier: 2,
      runtime: "langgraph",
      secrets: run.secrets,
      files: [],
      requireExistingConfig: false,
      declaredPlugins: [],
    });
    // Polled with the runtime's liveness, so one that dies at once (a command that is not found, a
    // crash on start) ends the wait instead of the whole boot window.
    const contacted = await session.until(
      async () => down.firstContactAt ?? ((await provisioner.isRunning(id)) ? undefined : "exited"),
      timings.bootMs,
    );
    if (contacted === "exited") return await exitedAtBoot(run, id);
    if (contacted !== undefined) await session.pause(timings.beatMs);
  } finally {
    await down.close();
  }
  await session.listen();
  const upAt = Date.now();
  const registered = await session.until(
    () => session.calls("/registry/register", id).find((call) => call.status === 200),
    timings.settleMs,
  );
  if (registered) {
    await session.until(
      () => beatsAfter(run, id, registered).length >= 2 || undefined,
      timings.settleMs + timings.beatMs,
    );
  }
  const running = await provisioner.isRunning(id);

  checks.record(
    "boot.platform-unreachable",
    down.contacts === 0
      ? fail(
          `it never called the platform in ${seconds(timings.bootMs)} after it started: register and heartbeat at boot (contract 10.3)`,
        )
      : registered
        ? pass(
            `called the platform ${down.contacts} time(s) while it was down, registered ${seconds(registered.at - upAt)} after it came up`,
          )
        : fail(
            `${running ? "no register was accepted" : "the runtime exited"} within ${seconds(timings.settleMs)} after the platform came up (it called ${down.contacts} time(s) while it was down): retry register and heartbeat until the platform answers (contract 10.4; the reference retries register 10 times, 2 s apart)`,
          ),
  );
  const first = session.calls("/registry/register", id).find((call) => call.status !== 0);
  checks.record(
    "register.bootstrap-no-bearer",
    first === undefined
      ? skip("no register reached the platform (see boot.platform-unreachable)")
      : first.bearer.kind === "none"
        ? pass("the first register, with no .auth_token in the volume, carried no Authorization header")
        : fail(
            "the first register carried an Authorization header although the config volume held no .auth_token: send no Authorization header until you hold a token (a bootstrap register, contract 4.2)",
          ),
  );
  checks.record("register.bootstrap-token", judgeIssuedToken(run, id, registered));
  await provisioner.remove(id);
  return { ran: true };
}

/** Whether the first boot got as far as calling the platform; if not, the runtime's shell exit code. */
export type BootstrapOutcome = { ran: true } | { ran: false; exitCode: number | null; lastLine: string };

/** The runtime ended before it ever called the platform: its three checks fail or skip at once. */
async function exitedAtBoot(run: RunContext, id: string): Promise<BootstrapOutcome> {
  const { session, checks } = run;
  const exitCode = await session.subject.exitCode(id); // first: it waits for the last output
  const output = await session.subject.output(id);
  const lastLine = output.at(-1) ?? "(no output)";
  const code = exitCode === null ? "" : ` with code ${exitCode}`;
  checks.record(
    "boot.platform-unreachable",
    fail(
      `the runtime exited${code} before it ever called the platform; its last output: ${JSON.stringify(lastLine)}: a runtime keeps running and retries register and heartbeat (contract 10.3)`,
    ),
  );
  const why = "the runtime exited at its first boot (see boot.platform-unreachable)";
  checks.record("register.bootstrap-no-bearer", skip(why));
  checks.record("register.bootstrap-token", skip(why));
  await session.provisioner.remove(id);
  return { ran: false, exitCode, lastLine };
}

// Beats that left after the register's answer had arrived (a beat already on its way is not held to it).
function beatsAfter(run: RunContext, id: string, register: ObservedCall): ObservedCall[] {
  return run.session
    .calls("/registry/heartbeat", id)
    .filter((call) => call.at > register.answeredAt + 250 && call.status !== 0);
}

function judgeIssuedToken(run: RunContext, id: string, registered: ObservedCall | undefined) {
  if (!registered) return skip("no bootstrap register was accepted (see boot.platform-unreachable)");
  const issued = new Set(run.session.issuedTokenHashes(id));
  const beats = beatsAfter(run, id, registered);
  if (beats.length === 0) {
    return fail(
      `no heartbeat in ${seconds(run.session.timings.settleMs + run.session.timings.beatMs)} after the bootstrap register: keep beating after register (contract 10.3)`,
    );
  }
  const stray = beats.find((beat) => beat.bearer.kind !== "token" || !issued.has(beat.bearer.hash12));
  if (stray) {
    const carried = stray.bearer.kind === "none" ? "no bearer" : "another bearer";
    return fail(
      `heartbeat #${stray.index} after the bootstrap register carried ${carried} and got ${stray.status}: keep the auth_token the register response returns and send it as the bearer (contract 4.4)`,
    );
  }
  const accepted = beats.filter((beat) => beat.status === 200).length;
  return accepted > 0
    ? pass(
        `${beats.length} heartbeat(s) after the bootstrap register carried the issued token (${accepted} accepted)`,
      )
    : fail(
        `the heartbeats carried the issued token but none was accepted (${beats.map((b) => b.status).join(", ")})`,
      );
}
