// Global setup of the projects whose tests need a Docker engine: it says once, clearly, when none
// answers. Outside CI those tests are then skipped (and counted as skipped); with CI set the run fails.
import { checkDockerEngine } from "@molecule-ctk/image-builder";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Whether a Docker engine answered; false only outside CI (in CI its absence fails the run). */
    dockerAvailable: boolean;
    /** Why Docker-backed tests do not run, when they do not. */
    dockerMissingReason: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const status = await checkDockerEngine();
  if (!status.available && process.env.CI)
    throw new Error(`[${project.name}] ${status.reason}. CI requires a Docker engine.`);
  if (!status.available)
    console.warn(`[${project.name}] ${status.reason}; the Docker-backed tests are skipped.`);
  project.provide("dockerAvailable", status.available);
  project.provide("dockerMissingReason", status.available ? "" : status.reason);
}
