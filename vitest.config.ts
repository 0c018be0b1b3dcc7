import { defineConfig } from "vitest/config";
import { sourceResolution } from "./vitest.shared.js";

// One vitest project per package; each package's own vitest.config.ts says how its tests run.
export default defineConfig({
  ...sourceResolution,
  test: {
    projects: ["packages/*"],
    reporters: ["default", "./scripts/vitest-summary-reporter.ts", "junit"],
    // A config-level path, so `--outputFile.junit=...` (pnpm soak) can give each run its own report.
    outputFile: { junit: "reports/junit.xml" },
  },
});
