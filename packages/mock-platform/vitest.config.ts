import { defineProject } from "vitest/config";
import { sourceResolution } from "../../vitest.shared.js";

export default defineProject({
  ...sourceResolution,
  test: {
    name: "mock-platform",
    include: ["src/**/*.test.ts", "bin/*.test.ts"],
    globalSetup: ["../../scripts/vitest-docker-setup.ts"],
  },
});
