import { describe, expect, it } from "vitest";
import { UnsafeTierError } from "./errors.js";
import { tierConfig } from "./tier-config.js";

const id = "3f2c0000-0000-4000-8000-000000000001";
const MIB = 1024 * 1024;

describe("tierConfig", () => {
  it("gives T1 a read-only rootfs and a 64m tmpfs /tmp", () => {
    expect(tierConfig(id, 1)).toEqual({
      hostConfig: { ReadonlyRootfs: true, Tmpfs: { "/tmp": "size=64m" } },
      hostNetwork: false,
    });
  });

  it.each([2, 0, 7, -1])("gives tier %i 512 MiB and 1 CPU", (tier) => {
    expect(tierConfig(id, tier, { maxCpus: 8 })).toEqual({
      hostConfig: { Memory: 512 * MIB, NanoCpus: 1e9 },
      hostNetwork: false,
    });
  });

  it("gives T3 2 GiB and 2 CPUs, and privileges only with allowHostTiers", () => {
    expect(tierConfig(id, 3, { maxCpus: 8 }).hostConfig).toEqual({ Memory: 2048 * MIB, NanoCpus: 2e9 });
    expect(tierConfig(id, 3, { maxCpus: 8, allowHostTiers: true }).hostConfig).toMatchObject({
      Privileged: true,
      PidMode: "host",
    });
  });

  it("refuses T4 without allowHostTiers, naming the workspace and the fix", () => {
    expect(() => tierConfig(id, 4)).toThrow(UnsafeTierError);
    expect(() => tierConfig(id, 4)).toThrow(new RegExp(`workspace ${id} has tier 4.*allowHostTiers`));
  });

  it("gives T4 host network and the docker socket with allowHostTiers", () => {
    const config = tierConfig(id, 4, { allowHostTiers: true, maxCpus: 8 });
    expect(config.hostNetwork).toBe(true);
    expect(config.hostConfig).toMatchObject({
      NetworkMode: "host",
      Binds: ["/var/run/docker.sock:/var/run/docker.sock"],
      Memory: 4096 * MIB,
      NanoCpus: 4e9,
    });
  });

  it("caps the CPU limit at the host's CPU count", () => {
    expect(tierConfig(id, 3, { maxCpus: 1 }).hostConfig.NanoCpus).toBe(1e9);
  });
});
