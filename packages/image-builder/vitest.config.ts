import { defineProject } from "vitest/config";
import { sourceResolution } from "../../vitest.shared.js";

export default defineProject({
  ...sourceResolution,
  test: {
    name: "image-builder",
    include: ["src/**/*.test.ts"],
    globalSetup: ["../../scripts/vitest-docker-setup.ts"],
  },
});
