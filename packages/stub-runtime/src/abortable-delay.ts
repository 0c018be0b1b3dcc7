import { setTimeout as sleep } from "node:timers/promises";

/** Waits `ms`; resolves true when the time passed and false at once when `signal` aborts. */
export async function abortableDelay(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
