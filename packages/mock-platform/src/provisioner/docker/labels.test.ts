import { describe, expect, it } from "vitest";
import { assertExtraLabels, DockerLabels, isOwnedBy, workspaceContainerLabels } from "./labels.js";

describe("docker labels", () => {
  it("marks containers as managed and owned by one provisioner instance, after the caller's labels", () => {
    const labels = workspaceContainerLabels({
      workspaceId: "w",
      instanceId: "t1",
      databaseUrl: undefined,
      extra: { "e2e.run": "r1" },
    });
    expect(labels).toEqual({
      "e2e.run": "r1",
      [DockerLabels.managed]: "true",
      [DockerLabels.instance]: "default",
      [DockerLabels.owner]: "mock-platform",
      [DockerLabels.instanceId]: "t1",
      [DockerLabels.workspace]: "w",
    });
    expect(isOwnedBy(labels, "t1")).toBe(true);
    expect(isOwnedBy(labels, "t2")).toBe(false);
    expect(isOwnedBy({ [DockerLabels.instanceId]: "t1" }, "t1")).toBe(false);
    expect(isOwnedBy(null, "t1")).toBe(false);
  });

  it("rejects caller labels that would overwrite the provisioner's own", () => {
    expect(() => assertExtraLabels({ "molecule.platform.managed": "false" })).toThrow(/is reserved/);
    expect(() => assertExtraLabels({ [DockerLabels.instanceId]: "x" })).toThrow(/is reserved/);
    expect(() => assertExtraLabels({ "molecule-ctk.test-run": "x" })).not.toThrow();
  });
});
