import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

/** Label carrying the id of the e2e run that created a container, volume or network. */
export const RUN_LABEL = "molecule-ctk.e2e.run";
/** Label carrying `<host>:<pid>` of the process that owns the run, so cleanup can spare live runs. */
export const RUN_OWNER_LABEL = "molecule-ctk.e2e.owner";

/** The identity of one e2e run: its id and the labels everything it creates carries. */
export interface RunContext {
  runId: string;
  labels: Readonly<Record<string, string>>;
}

/** `<host>:<pid>` of this process, the owner a cleanup checks for life. */
export function processOwner(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * A run context: a random id unless given, owned by `owner` (default this process; vitest workers
 * pass the main process's owner, which lives for the whole run).
 */
export function createRunContext(
  runId = `e2e-${randomBytes(4).toString("hex")}`,
  owner = processOwner(),
): RunContext {
  return { runId, labels: { [RUN_LABEL]: runId, [RUN_OWNER_LABEL]: owner } };
}

/** Docker filter matching exactly what one run created. */
export function runFilter(runId: string): { label: string[] } {
  return { label: [`${RUN_LABEL}=${runId}`] };
}
