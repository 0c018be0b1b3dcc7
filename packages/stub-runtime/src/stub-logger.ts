import createDebug from "debug";

export type StubSubsystem =
  | "boot"
  | "plugins"
  | "schedules"
  | "http"
  | "register"
  | "heartbeat"
  | "a2a"
  | "shutdown";

/** One event of the runtime: main prints each as one stdout line. */
export interface StubLogEvent {
  subsystem: StubSubsystem;
  message: string;
}

export type StubLogger = (event: StubLogEvent) => void;

/** Reports one subsystem's events to the logger and to its debug namespace. */
export type Report = (message: string) => void;

/** A {@link Report} for `subsystem`: each message goes to `molecule-ctk:stub-runtime:<subsystem>` and to `logger`. */
export function createReport(logger: StubLogger | undefined, subsystem: StubSubsystem): Report {
  const debug = createDebug(`molecule-ctk:stub-runtime:${subsystem}`);
  return (message) => {
    debug(message);
    logger?.({ subsystem, message });
  };
}
