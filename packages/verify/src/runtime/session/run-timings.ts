/** The time bounds of one run, all derived from what the runtime promises. */
export interface RunTimings {
  /** --beat-seconds: the longest gap between heartbeats the runtime promises. */
  beatMs: number;
  /** --boot-seconds: how long a runtime may take from its start to an accepted register. */
  bootMs: number;
  /** The longest gap a check accepts between beats: the promise plus a margin for a loaded machine. */
  maxGapMs: number;
  /** How long a check waits for what should happen within a beat: about two beats. */
  settleMs: number;
  /**
   * How long the platform stays away in the platform checks: the longest gap the cadence check
   * accepts, so a runtime that keeps its cadence sends at least one beat into the outage.
   */
  downtimeMs: number;
  /** How long a runtime may take to end after SIGTERM. */
  sigtermMs: number;
}

export function runTimings(beatSeconds: number, bootSeconds: number): RunTimings {
  const beatMs = Math.round(beatSeconds * 1000);
  const maxGapMs = Math.round(beatMs * 1.5 + 500);
  return {
    beatMs,
    bootMs: Math.round(bootSeconds * 1000),
    maxGapMs,
    settleMs: beatMs * 2 + 1000,
    downtimeMs: Math.max(1000, maxGapMs),
    sigtermMs: 5000,
  };
}
