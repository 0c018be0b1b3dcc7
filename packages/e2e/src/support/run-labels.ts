import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { AppImageName } from "@molecule-ctk/image-builder";

/** Label carrying the id of the e2e run that created a container, volume or network. */
export const RUN_LABEL = "molecule-ctk.e2e.run";
/** Label carrying `<host>:<pid>` of the process that owns the run, so cleanup can spare live runs. */
export const RUN_OWNER_LABEL = "molecule-ctk.e2e.owner";

/** The identity of one e2e run: its id, the labels everything it creates carries, and its own images. */
export interface RunContext {
  runId: string;
  labels: Readonly<Record<string, string>>;
  /** The tags of the images this run builds and runs: its own, so no other run re-tags or removes them. */
  images: Readonly<Record<AppImageName, string>>;
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
  return { runId, labels: { [RUN_LABEL]: runId, [RUN_OWNER_LABEL]: owner }, images: runImageTags(runId) };
}

/** The tags of one run's images: `molecule-ctk/<name>:<run id>`. */
export function runImageTags(runId: string): Record<AppImageName, string> {
  return {
    "stub-runtime": `molecule-ctk/stub-runtime:${runId}`,
    "mock-platform": `molecule-ctk/mock-platform:${runId}`,
  };
}

/** Docker filter matching exactly what one run created. */
export function runFilter(runId: string): { label: string[] } {
  return { label: [`${RUN_LABEL}=${runId}`] };
}
