// The bash lifecycle harness's steps on real containers, against the embedded mock platform by
// default, or a running platform with E2E_PLATFORM=external BASE=... ADMIN_TOKEN=... [PLATFORM_LOG=...].
import { dockerMissing, runContext } from "./e2e-test-utils.js";
import { createPlatformFixture } from "./platform/select-platform.js";
import { describeHarnessSteps } from "./support/harness-steps.js";

const kind =
  process.env.E2E_PLATFORM === "external"
    ? `the platform at ${process.env.BASE}`
    : "the embedded mock platform";
describeHarnessSteps(
  `the lifecycle harness's steps (contract 12.2) against ${kind}`,
  () => createPlatformFixture(runContext()),
  dockerMissing(),
);
