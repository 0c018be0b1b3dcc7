import { fail, pass, type Verdict } from "../checks/check-recorder.js";

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The heartbeats that arrived in a window keep the promised cadence: no gap between two of them,
 * nor between the last one and the window's end, is longer than `maxGapMs`.
 */
export function judgeCadence(
  arrivals: ReadonlyArray<number>,
  window: { start: number; end: number },
  beatMs: number,
  maxGapMs: number,
): Verdict {
  const promise = `promised every ${seconds(beatMs)}, at most ${seconds(maxGapMs)} with the margin`;
  if (arrivals.length < 2) {
    return fail(
      `${arrivals.length} heartbeat(s) in ${seconds(window.end - window.start)} (${promise}): heartbeat every --beat-seconds, from boot on`,
    );
  }
  let longest = 0;
  for (let i = 1; i < arrivals.length; i++) longest = Math.max(longest, arrivals[i]! - arrivals[i - 1]!);
  const trailing = window.end - arrivals.at(-1)!;
  if (longest > maxGapMs || trailing > maxGapMs) {
    const gap = Math.max(longest, trailing);
    return fail(
      `a gap of ${seconds(gap)} between heartbeats (${promise}): beat at least every --beat-seconds, or promise a longer --beat-seconds`,
    );
  }
  return pass(`${arrivals.length} heartbeats, longest gap ${seconds(longest)} (${promise})`);
}

/**
 * The first heartbeat follows the runtime's first contact with the platform within one beat: it
 * is sent at once, never held until register succeeds (contract 10.3).
 */
export function judgeFirstBeat(
  firstRegister: number | undefined,
  firstBeat: number | undefined,
  waitedMs: number,
  maxGapMs: number,
): Verdict {
  if (firstBeat === undefined) {
    return fail(
      `no heartbeat in ${seconds(waitedMs)} after the runtime started: POST /registry/heartbeat at boot, never waiting for register (#1784)`,
    );
  }
  if (firstRegister !== undefined && firstBeat - firstRegister > maxGapMs) {
    return fail(
      `the first heartbeat came ${seconds(firstBeat - firstRegister)} after the first register (at most ${seconds(maxGapMs)}): beat at once at boot, in parallel with register`,
    );
  }
  const after =
    firstRegister === undefined
      ? ""
      : `, ${seconds(Math.max(0, firstBeat - firstRegister))} after the first register`;
  return pass(`first heartbeat at boot${after}`);
}
