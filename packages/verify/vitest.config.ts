import { defineProject } from "vitest/config";
import { sourceResolution } from "../../vitest.shared.js";

// src/conformance/ runs verify runtime against real runtimes (minutes, host processes and
// containers); `pnpm test:unit` leaves it out, `pnpm test` runs it.
export default defineProject({
  ...sourceResolution,
  test: {
    name: "verify",
    include: ["src/**/*.test.ts"],
    globalSetup: ["../../scripts/vitest-docker-setup.ts"],
  },
});
