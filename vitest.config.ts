import { defineConfig } from "vitest/config";
import { sourceResolution } from "./vitest.shared.js";

// One vitest project per package; each package's own vitest.config.ts says how its tests run.
export default defineConfig({
  ...sourceResolution,
  test: {
    projects: ["packages/*"],
    // Two test files at a time on the 2-core machines this runs on: most files wait on Docker or a
    // child process, so the README's test command takes about 11 min instead of 17. Every timing
    // ceiling is set for both cores busy (issue 16); a fixed count keeps runs alike across machines.
    maxWorkers: 2,
    reporters: ["default", "./scripts/vitest-summary-reporter.ts", "junit"],
    // A config-level path, so `--outputFile.junit=...` (pnpm soak) can give each run its own report.
    outputFile: { junit: "reports/junit.xml" },
  },
});
