import { defineProject } from "vitest/config";
import { sourceResolution } from "../../vitest.shared.js";

// Packing every package, two npm installs and a few containers: minutes, not seconds.
export default defineProject({
  ...sourceResolution,
  test: {
    name: "consumer",
    include: ["src/**/*.test.ts"],
    globalSetup: ["../../scripts/vitest-docker-setup.ts"],
    testTimeout: 300_000,
    hookTimeout: 900_000,
  },
});
