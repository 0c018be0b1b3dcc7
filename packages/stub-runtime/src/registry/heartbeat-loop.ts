import { buildHeartbeatRequest, type HeartbeatStats } from "@molecule-ctk/contract";
import { abortableDelay } from "../abortable-delay.js";
import type { Report } from "../stub-logger.js";
import type { PlatformMemory } from "./platform-memory.js";
import type { RegisterLoop } from "./register-loop.js";
import type { RegistryClient } from "./registry-client.js";
import type { TokenSource } from "./token-source.js";

/** What a heartbeat loop needs. */
export interface HeartbeatLoopOptions {
  client: RegistryClient;
  tokens: TokenSource;
  registerLoop: RegisterLoop;
  /** Tells from each accepted beat whether the platform still knows the workspace. */
  memory: PlatformMemory;
  workspaceId: string;
  /** Pause after each beat. */
  intervalMs: number;
  /** The figures of the next beat. */
  stats: () => HeartbeatStats;
  /** Stops the loop (shutdown). */
  signal: AbortSignal;
  report: Report;
  /** A wait before the first beat (default none; a STUB_DEFECT delays it). */
  firstBeatDelayMs?: number;
  /** The loop ends on this outcome (default never; a STUB_DEFECT stops it). */
  stopOn?: "401" | "network-error" | undefined;
}

/**
 * Beats at once and then every `intervalMs`, never waiting for register (contract 10.3). A 401 starts
 * a background re-register and the beats go on. It also re-registers when the platform answers again
 * after network errors, and when an accepted beat shows the platform forgot the workspace (a restart
 * that lost its state answers 200 all the same, see {@link PlatformMemory}). Resolves on shutdown.
 */
export async function runHeartbeatLoop(options: HeartbeatLoopOptions): Promise<void> {
  const { client, tokens, registerLoop, memory, workspaceId, intervalMs, stats, signal, report } = options;
  const { firstBeatDelayMs = 0, stopOn } = options;
  const stop = (outcome: string) => report(`heartbeat loop ends after ${outcome} (STUB_DEFECT)`);
  if (firstBeatDelayMs > 0 && !(await abortableDelay(firstBeatDelayMs, signal))) return;
  let accepted = 0;
  let failing = false;
  // Set while the platform is unreachable: the register count when the outage began.
  let outageSince: number | undefined;
  do {
    const chosen = await tokens.current();
    const result = await client.heartbeat(buildHeartbeatRequest({ workspaceId }, stats()), chosen.token);
    if (result.kind === "aborted") return;
    if (result.kind === "network") {
      report(`heartbeat error: ${result.problem}`);
      if (stopOn === "network-error") return stop("a network error");
      outageSince ??= registerLoop.successes;
      failing = true;
      continue;
    }
    if (outageSince !== undefined) {
      // A register that succeeded since the outage began already told the platform about us.
      if (registerLoop.successes === outageSince) {
        report("platform answers again after an outage: re-registering");
        void registerLoop.start();
      }
      outageSince = undefined;
    }
    if (result.kind === "http") {
      failing = true;
      report(`heartbeat -> ${result.status} ${result.text.slice(0, 160)}`);
      if (result.status === 401) {
        if (stopOn === "401") return stop("a 401");
        tokens.rejected(chosen);
        report(`heartbeat 401 - re-registering${registerLoop.running ? " (register already running)" : ""}`);
        void registerLoop.start();
      }
      continue;
    }
    if (result.kind === "violation") report(`heartbeat -> 200, contract violation: ${result.problem}`);
    const forgotten = result.kind === "ok" ? memory.forgotten(result.body) : undefined;
    if (forgotten !== undefined && !registerLoop.running) {
      report(`the platform no longer knows this workspace (${forgotten}): re-registering`);
      void registerLoop.start();
    }
    accepted++;
    if (accepted === 1) report(`first heartbeat accepted (bearer: ${chosen.origin})`);
    else if (failing) report(`heartbeats accepted again (bearer: ${chosen.origin})`);
    failing = false;
  } while (await abortableDelay(intervalMs, signal));
}
