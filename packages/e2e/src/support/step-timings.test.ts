import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatTimingTable, ONE_AT_A_TIME, readTimings, recordStep, resetTimings } from "./step-timings.js";

const dir = mkdtempSync(join(tmpdir(), "timings-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("step timings", () => {
  it("reads back what was recorded, by scenario and step", () => {
    const file = join(dir, "a.jsonl");
    recordStep("create", 12, ONE_AT_A_TIME, file);
    recordStep("create", 30, ONE_AT_A_TIME, file);
    recordStep("create", 99, "20 in parallel", file);
    recordStep("teardown", 5, ONE_AT_A_TIME, file);
    expect(readTimings(file)).toEqual(
      new Map([
        ["one at a time | create", [12, 30]],
        ["20 in parallel | create", [99]],
        ["one at a time | teardown", [5]],
      ]),
    );
    resetTimings(file);
    expect(readTimings(file).size).toBe(0);
  });

  it("prints one-at-a-time rows first, each scenario's steps in lifecycle order, with median, p90 and max", () => {
    const table = formatTimingTable(
      new Map([
        ["20 in parallel | create", [7]],
        ["one at a time | teardown", [5]],
        ["one at a time | create", [10, 20, 30, 40]],
      ]),
    );
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/^scenario\s+step\s+n\s+median ms\s+p90 ms\s+max ms$/);
    expect(lines[2]).toMatch(/^one at a time\s+create\s+4\s+30\s+40\s+40$/);
    expect(lines[3]).toMatch(/^one at a time\s+teardown\s+1\s+5\s+5\s+5$/);
    expect(lines[4]).toMatch(/^20 in parallel\s+create\s+1\s+7\s+7\s+7$/);
  });

  it("says so when nothing was recorded", () => {
    expect(formatTimingTable(new Map())).toBe("(no lifecycle timings recorded)");
  });
});
