import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { type WorkspaceNameKind, WorkspaceNameKinds, workspaceResourceName } from "@molecule-ctk/contract";
import { describe, expect, it } from "vitest";

const e2eNames = fileURLToPath(new URL("./e2e-names", import.meta.url));

function runE2eNames(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(e2eNames, args, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("bin/e2e-names", () => {
  const id = randomUUID();

  for (const kind of Object.keys(WorkspaceNameKinds) as WorkspaceNameKind[]) {
    it(`prints the same ${kind} name as the contract's workspaceResourceName`, async () => {
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

  it("exits 1 given an id that is not a UUID, as the contract's names refuse it", async () => {
    const result = await runE2eNames("container", "abc123def456");
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/'abc123def456' is not a UUID/);
    expect(() => workspaceResourceName("container", "abc123def456")).toThrow(/must be a UUID/);
  });
});
