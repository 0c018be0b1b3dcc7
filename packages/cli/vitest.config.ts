import { defineProject } from "vitest/config";
import { sourceResolution } from "../../vitest.shared.js";

export default defineProject({
  ...sourceResolution,
  test: { name: "cli", include: ["src/**/*.test.ts"], testTimeout: 60_000 },
});
