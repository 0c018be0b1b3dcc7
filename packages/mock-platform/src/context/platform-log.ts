import createDebug from "debug";

const debug = createDebug("molecule-ctk:mock-platform:log");

/** The platform log (upstream's platform.log): boot telemetry and lifecycle lines, to a sink and `debug`. */
export class PlatformLog {
  constructor(private readonly sink: ((line: string) => void) | undefined) {}

  line(text: string): void {
    debug(text);
    this.sink?.(text);
  }

  /** `boot-telemetry: workspace=<id> step=1/8 key=PWR status=<status> msg="<message>"` (contract 8.4). */
  bootTelemetry(workspaceId: string, status: string, message: string): void {
    this.line(
      `boot-telemetry: workspace=${workspaceId} step=1/8 key=PWR status=${status} msg=${JSON.stringify(message)}`,
    );
  }
}
