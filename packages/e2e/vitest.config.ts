import { defineProject } from "vitest/config";
import { sourceResolution } from "../../vitest.shared.js";

// Real containers: long timeouts, one file at a time (2 cores, one Docker engine), and the
// lifecycle steps run in order inside describe.sequential.
export default defineProject({
  ...sourceResolution,
  test: {
    name: "e2e",
    include: ["src/**/*.test.ts"],
    globalSetup: ["./src/global-setup.ts"],
    setupFiles: ["./src/worker-guard.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    env: { TESTCONTAINERS_RYUK_DISABLED: "true", TESTCONTAINERS_HOST_OVERRIDE: "127.0.0.1" },
  },
});
