import {
  workspaceConfigVolumeName,
  workspaceContainerName,
  workspaceDataVolumeName,
  workspaceSessionVolumeName,
} from "@molecule-ctk/contract";
import { inject } from "vitest";
import { createRunContext, type RunContext } from "./support/run-labels.js";

/** The run context shared by every file of this run (its id and owner come from the global setup). */
export function runContext(): RunContext {
  return createRunContext(inject("runId"), inject("runOwner"));
}

/** True when Docker-backed tests cannot run here (only outside CI; in CI the global setup fails instead). */
export function dockerMissing(): boolean {
  return !inject("dockerAvailable");
}

/** Names of a workspace's container and volumes (contract 8.3; the harness's e2e-names), from the provisioner's own helpers. */
export function workspaceNames(workspaceId: string) {
  return {
    container: workspaceContainerName(workspaceId),
    configVolume: workspaceConfigVolumeName(workspaceId),
    workspaceVolume: workspaceDataVolumeName(workspaceId),
    sessionVolume: workspaceSessionVolumeName(workspaceId),
  };
}
