import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatTimingTable, readTimings, recordStep, resetTimings } from "./step-timings.js";

const dir = mkdtempSync(join(tmpdir(), "timings-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("step timings", () => {
  it("reads back what was recorded, by step", () => {
    const file = join(dir, "a.jsonl");
    recordStep("create", 12, file);
    recordStep("create", 30, file);
    recordStep("teardown", 5, file);
    expect(readTimings(file)).toEqual(
      new Map([
        ["create", [12, 30]],
        ["teardown", [5]],
      ]),
    );
    resetTimings(file);
    expect(readTimings(file).size).toBe(0);
  });

  it("prints steps in lifecycle order with median, p90 and max", () => {
    const table = formatTimingTable(
      new Map([
        ["teardown", [5]],
        ["create", [10, 20, 30, 40]],
      ]),
    );
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/^step\s+n\s+median ms\s+p90 ms\s+max ms$/);
    expect(lines[2]).toMatch(/^create\s+4\s+30\s+40\s+40$/);
    expect(lines[3]).toMatch(/^teardown\s+1\s+5\s+5\s+5$/);
  });

  it("says so when nothing was recorded", () => {
    expect(formatTimingTable(new Map())).toBe("(no lifecycle timings recorded)");
  });
});
