import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { InvalidWorkspaceIdError } from "./docker/errors.js";
import {
  allWorkspaceVolumeNames,
  type WorkspaceNameKind,
  WorkspaceNameKinds,
  workspaceContainerName,
  workspaceResourceName,
  workspaceVolumeMounts,
} from "./workspace-names.js";

const e2eNames = fileURLToPath(new URL("../../bin/e2e-names", import.meta.url));

function runE2eNames(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(e2eNames, args, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

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
    expect(() => workspaceContainerName(id.slice(0, 12))).toThrow(InvalidWorkspaceIdError);
    expect(() => workspaceContainerName("../etc")).toThrow(/is not a UUID/);
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

describe("bin/e2e-names", () => {
  const id = randomUUID();

  for (const kind of Object.keys(WorkspaceNameKinds) as WorkspaceNameKind[]) {
    it(`prints the same ${kind} name as workspaceResourceName`, async () => {
      const result = await runE2eNames(kind, id);
      expect(result).toEqual({ code: 0, stdout: `${workspaceResourceName(kind, id)}\n`, stderr: "" });
    });
  }

  it("prints usage and exits 1 given an unknown kind", async () => {
    const result = await runE2eNames("network", id);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/unknown kind 'network'[\s\S]*usage: e2e-names/);
  });

  it("prints usage and exits 1 given missing arguments", async () => {
    for (const args of [[], ["container"]]) {
      const result = await runE2eNames(...args);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^usage: e2e-names/);
    }
  });

  it("exits 1 given an id that is not a UUID", async () => {
    const result = await runE2eNames("container", "abc123def456");
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/'abc123def456' is not a UUID/);
  });
});
