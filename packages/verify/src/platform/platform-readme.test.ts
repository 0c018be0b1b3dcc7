import { readFileSync } from "node:fs";
import { PLATFORM_MUTANTS } from "@molecule-ctk/mock-platform";
import { describe, expect, it } from "vitest";
import { PLATFORM_CHECKS } from "./platform-checks.js";

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
// Table cells, padded or not: "| `a.b` | MUST | …" becomes ["`a.b`", "MUST", …].
const rows = README.split("\n")
  .filter((line) => line.startsWith("|"))
  .map((line) =>
    line
      .split("|")
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );
const row = (first: string) => rows.find((cells) => cells[0] === first);

describe("the verify README", () => {
  it("documents every platform check with its level and cited sections", () => {
    for (const check of PLATFORM_CHECKS) {
      const cells = row(`\`${check.id}\``);
      expect(cells?.[1], check.id).toBe(check.level);
      for (const number of /^contract ([\d., ]+)/.exec(check.section)![1]!.trim().split(/,\s*/)) {
        expect(cells?.[2], `${check.id} cites contract ${number}`).toContain(`[contract ${number}](`);
      }
    }
  });

  it("lists every platform mutant", () => {
    for (const name of Object.keys(PLATFORM_MUTANTS)) expect(row(`\`${name}\``), name).toBeDefined();
  });
});
