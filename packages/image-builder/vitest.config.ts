import { defineProject } from "vitest/config";
import { sourceResolution } from "../../vitest.shared.js";

export default defineProject({
  ...sourceResolution,
  test: {
    name: "image-builder",
    include: ["src/**/*.test.ts"],
    globalSetup: ["../../scripts/vitest-docker-setup.ts"],
    // A build or a docker save of the ~105 MB image takes 4-5 s on an idle machine, past vitest's
    // default 5 s with both cores busy.
    testTimeout: 60_000,
  },
});
