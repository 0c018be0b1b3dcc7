import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatTable } from "./format-table.js";
import { exitCode, summarize, type VerifyReport, verdict } from "./verify-report.js";
import { toJUnit, toMarkdown, writeReport } from "./write-report.js";

const report = (checks: VerifyReport["checks"], level: VerifyReport["level"] = "MUST"): VerifyReport => ({
  kind: "runtime",
  subject: "example/image:1",
  started_at: "2026-12-01T00:00:00.000Z",
  level,
  checks,
});
const check = (id: string, level: "MUST" | "SHOULD" | "MAY", status: "pass" | "fail" | "skip") => ({
  id,
  level,
  status,
  section: "contract 4.2",
  detail: `${id} <detail> & "quotes" \u0001`,
  ms: 12,
});

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe("the verdict", () => {
  it("exits 0 when every MUST passes, whatever the SHOULDs say", () => {
    const result = report([
      check("a", "MUST", "pass"),
      check("b", "SHOULD", "fail"),
      check("c", "MAY", "skip"),
    ]);
    expect(summarize(result)).toEqual({ passed: 1, failed: 0, skipped: 0 });
    expect(exitCode(result)).toBe(0);
  });

  it("exits 1 when a check at or above the level fails", () => {
    expect(exitCode(report([check("a", "MUST", "fail")]))).toBe(1);
    expect(exitCode(report([check("a", "MUST", "pass"), check("b", "SHOULD", "fail")], "SHOULD"))).toBe(1);
  });

  it("never counts a skip as a pass", () => {
    expect(summarize(report([check("a", "MUST", "skip")]))).toEqual({ passed: 0, failed: 0, skipped: 1 });
  });

  it("says a subject with a skip at or above the level was not fully verified", () => {
    const skipped = report([
      check("a", "MUST", "pass"),
      check("b", "MUST", "skip"),
      check("c", "MAY", "skip"),
    ]);
    expect(verdict(skipped)).toBe("not-verified");
    expect(formatTable(skipped)).toContain("was NOT fully verified at MUST: 1 passed, 0 failed, 1 skipped");
    expect(toMarkdown(skipped)).toContain("was **not** fully verified at level MUST");
    expect(verdict(report([check("a", "MUST", "pass"), check("c", "MAY", "skip")]))).toBe("conforms");
    expect(verdict(report([check("a", "MUST", "fail"), check("b", "MUST", "skip")]))).toBe(
      "does-not-conform",
    );
  });
});

describe("the reports", () => {
  it("writes report.json, junit.xml and report.md", async () => {
    const dir = await mkdtemp(join(tmpdir(), "verify-report-"));
    dirs.push(dir);
    const result = report([
      check("a", "MUST", "pass"),
      check("b", "MUST", "fail"),
      check("c", "SHOULD", "skip"),
    ]);
    const files = await writeReport(join(dir, "r"), result);
    expect(files.map((file) => file.slice(dir.length + 3))).toEqual([
      "report.json",
      "junit.xml",
      "report.md",
    ]);
    expect(JSON.parse(await readFile(join(dir, "r", "report.json"), "utf8"))).toEqual(result);
  });

  it("gives JUnit one escaped testcase per check, a failure and a skipped element where due", () => {
    const junit = toJUnit(
      report([check("a", "MUST", "pass"), check("b", "MUST", "fail"), check("c", "SHOULD", "skip")]),
    );
    expect(junit.match(/<testcase /g)).toHaveLength(3);
    expect(junit).toContain('tests="3" failures="1" skipped="1"');
    expect(junit).toContain('<failure message="b &lt;detail&gt; &amp; &quot;quotes&quot; ">');
    expect(junit).toContain("<skipped message=");
    expect(junit.includes("\u0001")).toBe(false);
  });

  it("renders the verdict in Markdown and in the terminal table", () => {
    const failing = report([check("a.b", "MUST", "fail")]);
    expect(toMarkdown(failing)).toContain(
      "does **not** conform at level MUST: 0 passed, 1 failed, 0 skipped",
    );
    expect(toMarkdown(failing)).toContain("| `a.b` | MUST | fail | contract 4.2 |");
    expect(formatTable(failing)).toMatch(/a\.b\s+MUST\s+FAIL\s+a\.b <detail>/);
    expect(formatTable(report([check("a", "MUST", "pass")]))).toContain("conforms at MUST: 1 passed");
  });
});
