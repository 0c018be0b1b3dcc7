import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ContractValidationError } from "../contract-error.js";
import { allWorkspaceVolumeNames, workspaceContainerName, workspaceVolumeMounts } from "./workspace-names.js";

describe("workspace names", () => {
  const id = randomUUID();

  it("builds full-UUID names for the container and each volume", () => {
    expect(workspaceContainerName(id)).toBe(`ws-${id}`);
    expect(allWorkspaceVolumeNames(id)).toEqual([
      `ws-${id}-configs`,
      `ws-${id}-workspace`,
      `ws-${id}-claude-sessions`,
    ]);
  });

  it("rejects an id that is not a UUID, such as a legacy 12-char id", () => {
    expect(() => workspaceContainerName(id.slice(0, 12))).toThrow(ContractValidationError);
    expect(() => workspaceContainerName("../etc")).toThrow(/workspace name: workspaceId: must be a UUID/);
  });

  it("mounts the sessions volume only for claude-code and only the configs on tier 1", () => {
    const targets = (runtime: string, tier: number) =>
      workspaceVolumeMounts(id, runtime, tier).map((m) => `${m.name}:${m.target}`);
    expect(targets("claude-code", 2)).toEqual([
      `ws-${id}-configs:/configs`,
      `ws-${id}-workspace:/workspace`,
      `ws-${id}-claude-sessions:/root/.claude/sessions`,
    ]);
    expect(targets("langgraph", 2)).toEqual([`ws-${id}-configs:/configs`, `ws-${id}-workspace:/workspace`]);
    expect(targets("claude-code", 1)).toEqual([`ws-${id}-configs:/configs`]);
  });
});
