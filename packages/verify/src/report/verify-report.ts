import { atOrAbove, type CheckLevel, type CheckResult } from "./check-result.js";

/** A whole verification: what was verified, when, and every check's result. */
export interface VerifyReport {
  /** `runtime` or `platform`. */
  kind: "runtime" | "platform";
  /** What was verified, as the user named it: an image, a command or a base URL. */
  subject: string;
  started_at: string;
  /** The level the run was held to (`--level`, default MUST). */
  level: CheckLevel;
  checks: CheckResult[];
}

/** Counts by status, over the checks at or above the report's level. */
export function summarize(report: VerifyReport): { passed: number; failed: number; skipped: number } {
  const counted = report.checks.filter((check) => atOrAbove(check.level, report.level));
  return {
    passed: counted.filter((check) => check.status === "pass").length,
    failed: counted.filter((check) => check.status === "fail").length,
    skipped: counted.filter((check) => check.status === "skip").length,
  };
}

/** 0 only when no check at or above the report's level failed; 1 otherwise. */
export function exitCode(report: VerifyReport): number {
  return summarize(report).failed === 0 ? 0 : 1;
}

/** What a report says of its subject, over the checks at or above its level. */
export type ReportVerdict = "conforms" | "does-not-conform" | "not-verified";

/** Fails beat skips: a skip at or above the level means the subject was not fully verified, never that it conforms. */
export function verdict(report: VerifyReport): ReportVerdict {
  const { failed, skipped } = summarize(report);
  if (failed > 0) return "does-not-conform";
  return skipped > 0 ? "not-verified" : "conforms";
}
