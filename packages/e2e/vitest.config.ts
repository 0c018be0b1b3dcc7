import { defineProject } from "vitest/config";
import { sourceResolution } from "../../vitest.shared.js";

// Real containers: long timeouts, one file at a time (2 cores, one Docker engine), and the
// lifecycle steps run in order inside describe.sequential. The installed package runs the same
// settings from lifecycle-command.ts. No testcontainers settings: @molecule-ctk/testcontainers
// decides them on an engine that can pull nothing, as it does for its users.
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
  },
});
