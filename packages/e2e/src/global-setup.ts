// The e2e project's global setup: checks the Docker engine, builds the run's own images once, names
// the run, makes sure an interrupted run still cleans up, and at the end prints the timing table and
// fails the run if anything it created is left behind.
import { type AppImageName, checkDockerEngine } from "@molecule-ctk/image-builder";
import { buildKitImage } from "@molecule-ctk/testcontainers";
import Dockerode from "dockerode";
import type { TestProject } from "vitest/node";
import { spawnDetachedCleanup } from "./support/detached-cleanup.js";
import { createRunContext, processOwner } from "./support/run-labels.js";
import { countRunResources, removeRunImages, removeRunResources } from "./support/run-resources.js";
import { formatTimingTable, readTimings, resetTimings, timingsFile } from "./support/step-timings.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Whether a Docker engine answered; false only outside CI (in CI its absence fails the run). */
    dockerAvailable: boolean;
    dockerMissingReason: string;
    runId: string;
    runOwner: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const docker = new Dockerode();
  const run = createRunContext(undefined, processOwner());
  project.provide("runId", run.runId);
  project.provide("runOwner", processOwner());
  const engine = await checkDockerEngine(docker);
  if (!engine.available) {
    if (process.env.CI) throw new Error(`[e2e] ${engine.reason}. CI requires a Docker engine.`);
    console.warn(`[e2e] ${engine.reason}; the Docker-backed tests are skipped.`);
    project.provide("dockerAvailable", false);
    project.provide("dockerMissingReason", engine.reason);
    return async () => {};
  }
  project.provide("dockerAvailable", true);
  project.provide("dockerMissingReason", "");
  const timings = timingsFile(run.runId);
  resetTimings(timings);
  const stopCleanupOnSignal = cleanupOnSignal(run.runId);
  console.log(
    `[e2e] run ${run.runId}: everything it creates carries the label molecule-ctk.e2e.run=${run.runId}`,
  );
  // The run's own tags, labelled with the run: no other run re-tags or removes them (core#5031).
  try {
    for (const [name, tag] of Object.entries(run.images) as Array<[AppImageName, string]>) {
      const started = performance.now();
      const image = await buildKitImage(name, { tag, labels: run.labels, docker });
      console.log(
        `[e2e] built ${image.tag} (${(image.sizeBytes / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
  } catch (error) {
    stopCleanupOnSignal();
    await removeRunImages(docker, run.runId);
    throw error;
  }

  return async () => {
    stopCleanupOnSignal();
    console.log(
      `\n[e2e] lifecycle step timings (run ${run.runId})\n${formatTimingTable(readTimings(timings))}\n`,
    );
    resetTimings(timings);
    const left = await countRunResources(docker, run.runId);
    const leaked = [...left.containers, ...left.volumes, ...left.networks];
    if (leaked.length > 0) {
      const cleanup = await removeRunResources(docker, run.runId);
      const after = await countRunResources(docker, run.runId);
      const still = [...after.containers, ...after.volumes, ...after.networks];
      const removedNow = leaked.filter((name) => !still.includes(name));
      throw new Error(
        `[e2e] the tests of run ${run.runId} left ${leaked.length} resource(s) behind: ${leaked.join(", ")}.` +
          ` Removed by the teardown: ${removedNow.join(", ") || "none"}.` +
          (still.length > 0
            ? ` Still there: ${still.join(", ")}${cleanup.stuck.length > 0 ? ` (${cleanup.stuck.join("; ")})` : ""}.`
            : ""),
      );
    }
    const images = await removeRunImages(docker, run.runId);
    console.log(
      `[e2e] run ${run.runId} left no container, volume or network behind; removed its images ${images.join(", ")}`,
    );
  };
}

// On SIGINT/SIGTERM (vitest then exits at once), starts the run's cleanup in a detached process.
function cleanupOnSignal(runId: string): () => void {
  const onSignal = () => spawnDetachedCleanup(runId);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
}
