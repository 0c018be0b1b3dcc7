// A setup file of every e2e worker: a worker holds the embedded platform and its provisioner, so if
// the vitest main process dies without ending it (SIGKILL, a crash), the worker would go on running
// containers. When its IPC channel to the parent closes, it starts the run's cleanup and exits.
import { inject } from "vitest";
import { spawnDetachedCleanup } from "./support/detached-cleanup.js";

if (typeof process.send === "function" && inject("dockerAvailable")) {
  const runId = inject("runId");
  process.once("disconnect", () => {
    spawnDetachedCleanup(runId);
    process.exit(130);
  });
}
