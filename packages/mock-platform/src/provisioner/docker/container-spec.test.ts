import { workspaceVolumeMounts } from "@molecule-ctk/contract";
import { describe, expect, it } from "vitest";
import { buildContainerSpec, buildWorkspaceContainerSpec } from "./container-spec.js";
import { tierConfig } from "./tier-config.js";

const id = "3f2c0000-0000-4000-8000-000000000001";

describe("buildWorkspaceContainerSpec", () => {
  it("advertises the host port on the advertise host and in MOLECULE_WORKSPACE_URL", () => {
    const { spec, workspaceUrl } = buildWorkspaceContainerSpec({
      request: {
        workspaceId: id,
        name: "n",
        tier: 2,
        runtime: "langgraph",
        secrets: {},
        files: [],
        requireExistingConfig: false,
        declaredPlugins: [],
      },
      options: { platformUrl: "http://p:1", advertiseHost: "127.0.0.1" },
      platformUrl: "http://p:1",
      instanceId: "t",
      image: "img:1",
      network: "net",
      hostPort: 41000,
      tier: tierConfig(id, 2),
      mounts: workspaceVolumeMounts(id, "langgraph", 2),
    });
    expect(workspaceUrl).toBe("http://127.0.0.1:41000");
    expect(spec.Env).toContain("MOLECULE_WORKSPACE_URL=http://127.0.0.1:41000");
    expect(spec.name).toBe(`ws-${id}`);
    expect(spec.NetworkingConfig?.EndpointsConfig?.["net"]?.Aliases).toEqual([`ws-${id}`]);
    expect(spec.HostConfig?.NetworkMode).toBe("net");
  });
});

describe("buildContainerSpec", () => {
  it("publishes nothing and joins no network for a host-network tier", () => {
    const spec = buildContainerSpec({
      containerName: `ws-${id}`,
      image: "img:1",
      network: "net",
      hostPort: 8000,
      env: [],
      labels: {},
      mounts: [],
      tier: tierConfig(id, 4, { allowHostTiers: true, maxCpus: 4 }),
    });
    expect(spec.HostConfig?.NetworkMode).toBe("host");
    expect(spec.HostConfig?.PortBindings).toBeUndefined();
    expect(spec.NetworkingConfig).toBeUndefined();
    expect(spec.HostConfig?.RestartPolicy).toEqual({ Name: "unless-stopped" });
  });
});
