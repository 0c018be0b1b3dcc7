import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CheckRecorder, fail, pass } from "./check-recorder.js";
import { RUNTIME_CHECKS } from "./runtime-checks.js";

describe("the runtime checks", () => {
  it("have unique ids, a level, and a contract section each", () => {
    expect(new Set(RUNTIME_CHECKS.map((check) => check.id)).size).toBe(RUNTIME_CHECKS.length);
    for (const check of RUNTIME_CHECKS) {
      expect(check.section).toMatch(/^contract \d+(\.\d+)?$/);
      expect(["MUST", "SHOULD", "MAY"]).toContain(check.level);
    }
  });

  it("are each documented in the package README with their level and section", () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8").replace(/ +/g, " ");
    for (const check of RUNTIME_CHECKS) {
      const anchor = check.section.replace("contract ", "").replace(".", "");
      expect(readme, check.id).toMatch(
        new RegExp(
          `\\| \`${check.id.replace(".", "\\.")}\` \\| ${check.level} \\| \\[${check.section}\\]\\(\\.\\./\\.\\./docs/contract\\.md#${anchor}[^)]*\\) \\|`,
        ),
      );
    }
  });
});

describe("CheckRecorder", () => {
  it("reports every check once, in catalogue order, and a check nobody judged as a skip with the reason", () => {
    const checks = new CheckRecorder();
    checks.record("a2a.role-agent", pass("role agent"));
    checks.record("a2a.role-agent", fail("a later verdict does not count"));
    const results = checks.results("not run: the workspace never came online");
    expect(results.map((result) => result.id)).toEqual(RUNTIME_CHECKS.map((check) => check.id));
    expect(results.find((result) => result.id === "a2a.role-agent")).toMatchObject({
      status: "pass",
      level: "MUST",
      section: "contract 10.5",
    });
    const others = results.filter((result) => result.id !== "a2a.role-agent");
    expect(others.every((result) => result.status === "skip" && result.detail.startsWith("not run:"))).toBe(
      true,
    );
  });
});
