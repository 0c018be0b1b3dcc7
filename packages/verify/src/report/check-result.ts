/** RFC 2119 levels, strongest first: a MUST that fails makes the subject non-conformant. */
export const CHECK_LEVELS = ["MUST", "SHOULD", "MAY"] as const;
export type CheckLevel = (typeof CHECK_LEVELS)[number];

/** What a check found: passed, failed, or could not run here (never counted as a pass). */
export type CheckStatus = "pass" | "fail" | "skip";

/** One check's verdict, as every report format carries it. */
export interface CheckResult {
  /** Stable id, e.g. `register.c18-guard`. */
  id: string;
  level: CheckLevel;
  status: CheckStatus;
  /** The contract section it enforces, e.g. `contract 4.2`. */
  section: string;
  /** One line: what was seen, and for a failure what to fix. */
  detail: string;
  ms: number;
}

/** Whether `level` is at or above `threshold` (MUST is above SHOULD is above MAY). */
export function atOrAbove(level: CheckLevel, threshold: CheckLevel): boolean {
  return CHECK_LEVELS.indexOf(level) <= CHECK_LEVELS.indexOf(threshold);
}
