// The same harness steps against `pnpm mock-platform serve` run as a separate process and reached as
// an external platform (BASE, ADMIN_TOKEN, PLATFORM_LOG): the external-platform path, end to end.
import { dockerMissing, runContext } from "./e2e-test-utils.js";
import { startCliPlatform } from "./platform/cli-platform.js";
import { describeHarnessSteps } from "./support/harness-steps.js";

describeHarnessSteps(
  "the lifecycle harness's steps against `mock-platform serve` as an external platform",
  () => startCliPlatform(runContext()),
  dockerMissing() || process.env.E2E_PLATFORM === "external",
);
