import type { ResolvedOptions } from "../options.js";
import type { PlatformState } from "../state/platform-state.js";
import type { PlatformEvents } from "./platform-events.js";
import type { PlatformLog } from "./platform-log.js";
import type { TimerSet } from "./timer-set.js";

/** What every service of the mock platform shares: options, state, the event bus, the log and the timers. */
export interface PlatformContext {
  readonly options: ResolvedOptions;
  readonly state: PlatformState;
  readonly events: PlatformEvents;
  readonly log: PlatformLog;
  readonly timers: TimerSet;
}
