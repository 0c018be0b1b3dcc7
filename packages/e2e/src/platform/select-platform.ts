import type { RunContext } from "../support/run-labels.js";
import { type EmbeddedPlatformOptions, startEmbeddedPlatform } from "./embedded-platform.js";
import { connectExternalPlatform } from "./external-platform.js";
import type { PlatformFixture } from "./platform-fixture.js";

/**
 * The platform the suite runs against: `E2E_PLATFORM=external` (with BASE and ADMIN_TOKEN) selects a
 * running platform; anything else the embedded mock platform with `embedded` options.
 */
export function createPlatformFixture(
  run: RunContext,
  embedded: EmbeddedPlatformOptions = {},
): Promise<PlatformFixture> {
  const choice = process.env.E2E_PLATFORM ?? "embedded";
  if (choice === "external") return connectExternalPlatform(run);
  if (choice !== "embedded") {
    throw new Error(`[e2e] E2E_PLATFORM=${choice} is unknown: use embedded (default) or external`);
  }
  return startEmbeddedPlatform(run, embedded);
}
