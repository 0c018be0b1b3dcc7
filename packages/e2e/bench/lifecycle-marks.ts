/**
 * When a lifecycle passed each point, in performance.now() ms: the kit's as its client sees them,
 * the Docker floor's at the engine call that stands for the same point (see {@link PHASES}).
 */
export interface LifecycleMarks {
  started: number;
  /** Kit: the first restart answered (the provision at create done, its container removed). */
  restart1: number;
  /** Kit: online after the first restart. Floor: the second container's port answers. */
  online1: number;
  /** Kit: the second restart answered (A2A and a token between). Floor: the second container removed. */
  restart2: number;
  /** Kit: online after the second restart. Floor: the third container's port answers. */
  online2: number;
  /** Kit: the delete answered (A2A before it). Floor: the third container and the volumes removed. */
  deleted: number;
}

/** The phases of a lifecycle, kit and floor side by side, as [label, from, to]. */
export const PHASES: ReadonlyArray<[string, keyof LifecycleMarks, keyof LifecycleMarks]> = [
  ["create → 1st restart answered (volumes, provision at create, its removal)", "started", "restart1"],
  ["1st restart answered → online (create, config files, start, boot)", "restart1", "online1"],
  ["online → 2nd restart answered (A2A, token, removal)", "online1", "restart2"],
  ["2nd restart answered → online (create, config files, start, boot)", "restart2", "online2"],
  ["online → deleted (A2A, container and volumes removed)", "online2", "deleted"],
  ["whole lifecycle", "started", "deleted"],
];

export function median(values: ReadonlyArray<number>): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median duration (ms) of each phase over a run's lifecycles. */
export function phaseMedians(marks: ReadonlyArray<LifecycleMarks>): number[] {
  return PHASES.map(([, from, to]) => median(marks.map((m) => m[to] - m[from])));
}
