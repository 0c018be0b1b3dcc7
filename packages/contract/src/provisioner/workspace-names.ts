import { z } from "zod";
import { parseContract } from "../parse.js";
import { WorkspaceId } from "../primitives.js";

/** The kinds `e2e-names` understands, mapped to the suffix after `ws-<id>` (contract 8.3, 12.1). */
export const WorkspaceNameKinds = {
  container: "",
  "config-volume": "-configs",
  "session-volume": "-claude-sessions",
  "workspace-volume": "-workspace",
} as const;

export type WorkspaceNameKind = keyof typeof WorkspaceNameKinds;

const NameInput = z.object({ workspaceId: WorkspaceId });

/** A named volume and where it is mounted in the workspace container. */
export interface WorkspaceVolumeMount {
  kind: Exclude<WorkspaceNameKind, "container">;
  name: string;
  target: string;
}

/**
 * The Docker name of a workspace resource: `ws-<id>`, `ws-<id>-configs`, ... from the full UUID
 * (KI-013); throws a ContractValidationError for an id that is not a UUID.
 */
export function workspaceResourceName(kind: WorkspaceNameKind, workspaceId: string): string {
  parseContract(NameInput, { workspaceId }, "workspace name");
  return `ws-${workspaceId}${WorkspaceNameKinds[kind]}`;
}

export function workspaceContainerName(workspaceId: string): string {
  return workspaceResourceName("container", workspaceId);
}

/** `ws-<id>-configs`, mounted at /configs. */
export function workspaceConfigVolumeName(workspaceId: string): string {
  return workspaceResourceName("config-volume", workspaceId);
}

/** `ws-<id>-workspace`, mounted at /workspace. */
export function workspaceDataVolumeName(workspaceId: string): string {
  return workspaceResourceName("workspace-volume", workspaceId);
}

/** `ws-<id>-claude-sessions`, mounted at /root/.claude/sessions for runtime claude-code. */
export function workspaceSessionVolumeName(workspaceId: string): string {
  return workspaceResourceName("session-volume", workspaceId);
}

/** Every volume name a workspace can have, whatever its runtime (what delete removes). */
export function allWorkspaceVolumeNames(workspaceId: string): string[] {
  return [
    workspaceConfigVolumeName(workspaceId),
    workspaceDataVolumeName(workspaceId),
    workspaceSessionVolumeName(workspaceId),
  ];
}

/**
 * The volumes a workspace container mounts (contract 8.3): configs always, the workspace volume
 * unless tier 1 ("config mount only"), and the sessions volume for runtime claude-code.
 */
export function workspaceVolumeMounts(
  workspaceId: string,
  runtime: string,
  tier: number,
): WorkspaceVolumeMount[] {
  const mounts: WorkspaceVolumeMount[] = [
    { kind: "config-volume", name: workspaceConfigVolumeName(workspaceId), target: "/configs" },
  ];
  if (tier === 1) return mounts;
  mounts.push({ kind: "workspace-volume", name: workspaceDataVolumeName(workspaceId), target: "/workspace" });
  if (runtime === "claude-code") {
    mounts.push({
      kind: "session-volume",
      name: workspaceSessionVolumeName(workspaceId),
      target: "/root/.claude/sessions",
    });
  }
  return mounts;
}
