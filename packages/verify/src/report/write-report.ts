import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { summarize, type VerifyReport, verdict } from "./verify-report.js";

/** Writes `report.json`, `junit.xml` and `report.md` into `dir` (created when missing). */
export async function writeReport(dir: string, report: VerifyReport): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = {
    "report.json": `${JSON.stringify(report, null, 2)}\n`,
    "junit.xml": toJUnit(report),
    "report.md": toMarkdown(report),
  };
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return Object.keys(files).map((name) => join(dir, name));
}

/** JUnit XML: one testsuite per report, one testcase per check; a skip is `<skipped>`, never a pass. */
export function toJUnit(report: VerifyReport): string {
  // Every check is a testcase, whatever its level: counted over all of them.
  const failed = report.checks.filter((check) => check.status === "fail").length;
  const skipped = report.checks.filter((check) => check.status === "skip").length;
  const seconds = report.checks.reduce((sum, check) => sum + check.ms, 0) / 1000;
  const cases = report.checks.map((check) => {
    const name = xml(`${check.id} [${check.level}] (${check.section})`);
    const time = (check.ms / 1000).toFixed(3);
    const open = `    <testcase classname="${xml(`molecule-ctk.verify.${report.kind}`)}" name="${name}" time="${time}"`;
    if (check.status === "pass") return `${open}/>`;
    if (check.status === "skip")
      return `${open}>\n      <skipped message="${xml(check.detail)}"/>\n    </testcase>`;
    return `${open}>\n      <failure message="${xml(check.detail)}">${xml(check.detail)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="molecule-ctk verify ${report.kind}" tests="${report.checks.length}" failures="${failed}" skipped="${skipped}" time="${seconds.toFixed(3)}">`,
    `  <testsuite name="${xml(`${report.kind} ${report.subject}`)}" timestamp="${xml(report.started_at)}" tests="${report.checks.length}" failures="${failed}" skipped="${skipped}" time="${seconds.toFixed(3)}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

/** A Markdown report: the verdict, then a table of every check. */
export function toMarkdown(report: VerifyReport): string {
  const { passed, failed, skipped } = summarize(report);
  const said = {
    conforms: "conforms",
    "does-not-conform": "does **not** conform",
    "not-verified": "was **not** fully verified",
  }[verdict(report)];
  const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");
  return [
    `# molecule-ctk verify ${report.kind}: \`${cell(report.subject)}\``,
    "",
    `Started ${report.started_at}. The ${report.kind} ${said} at level ${report.level}: ${passed} passed, ${failed} failed, ${skipped} skipped.`,
    "",
    "| check | level | status | section | detail |",
    "| --- | --- | --- | --- | --- |",
    ...report.checks.map(
      (check) =>
        `| \`${check.id}\` | ${check.level} | ${check.status} | ${check.section} | ${cell(check.detail)} |`,
    ),
    "",
  ].join("\n");
}

function xml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replace(XML_FORBIDDEN, "");
}

// Characters XML 1.0 cannot carry at all (control characters other than tab, newline, return).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
