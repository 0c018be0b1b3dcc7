import { defineProject } from "vitest/config";
import { sourceResolution } from "../../vitest.shared.js";

export default defineProject({
  ...sourceResolution,
  test: {
    name: "testcontainers",
    include: ["src/**/*.test.ts"],
    globalSetup: ["../../scripts/vitest-docker-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
