// The images the suite runs, as the issue promises them: small, one bundled file, no node_modules,
// the directories and port the platform expects, OCI labels. Built by the global setup, for this run.
import { listImageFiles } from "@molecule-ctk/image-builder";
import Dockerode from "dockerode";
import { describe, expect, it } from "vitest";
import { dockerMissing, runContext } from "./e2e-test-utils.js";

const docker = new Dockerode();
const images = runContext().images;

const entries = (image: string, path: string) => listImageFiles(docker, image, path, runContext().labels);

describe.skipIf(dockerMissing())("the kit's images", () => {
  it.each([
    ["stub-runtime", "stub-runtime.mjs", "8000/tcp"],
    ["mock-platform", "mock-platform.mjs", "8080/tcp"],
  ] as const)(
    "%s is at most 110 MB with one bundled file, no node_modules, and its port exposed",
    async (name, bundle, port) => {
      const info = await docker.getImage(images[name]).inspect();
      expect(info.Size).toBeLessThanOrEqual(110 * 1000 * 1000);
      expect(Object.keys(info.Config.ExposedPorts ?? {})).toEqual([port]);
      expect(info.Config.Labels).toMatchObject({
        "org.opencontainers.image.version": expect.stringMatching(/^\d+\.\d+\.\d+/),
        "org.opencontainers.image.revision": expect.stringMatching(/^[0-9a-f]{40}$|^unknown$/),
        "org.opencontainers.image.source": expect.any(String),
      });
      expect(await entries(images[name], "/app")).toEqual(["app/", `app/${bundle}`]);
    },
  );

  it("stub-runtime has /configs and /workspace for the platform's volumes, and runs as root", async () => {
    const info = await docker.getImage(images["stub-runtime"]).inspect();
    expect(info.Config.User ?? "").toBe("");
    expect(await entries(images["stub-runtime"], "/configs")).toEqual(["configs/"]);
    expect(await entries(images["stub-runtime"], "/workspace")).toEqual(["workspace/"]);
  });
});
