import type { VerifyReport } from "./verify-report.js";
import { summarize, verdict } from "./verify-report.js";

const MARK = { pass: "pass", fail: "FAIL", skip: "skip" } as const;

/** The terminal table: one row per check (id, level, status, detail), then a summary line. */
export function formatTable(report: VerifyReport, width = 160): string {
  const idWidth = Math.max(5, ...report.checks.map((check) => check.id.length));
  const header = `${"check".padEnd(idWidth)}  level   status  detail`;
  const rows = report.checks.map((check) => {
    const line = `${check.id.padEnd(idWidth)}  ${check.level.padEnd(6)}  ${MARK[check.status].padEnd(6)}  ${check.detail}`;
    return line.length > width ? `${line.slice(0, width - 1)}…` : line;
  });
  const { passed, failed, skipped } = summarize(report);
  const said = {
    conforms: "conforms",
    "does-not-conform": "does NOT conform",
    "not-verified": "was NOT fully verified",
  }[verdict(report)];
  return [
    header,
    "-".repeat(Math.min(width, header.length + 40)),
    ...rows,
    "",
    `${report.kind} ${report.subject} ${said} at ${report.level}: ${passed} passed, ${failed} failed, ${skipped} skipped`,
  ].join("\n");
}
