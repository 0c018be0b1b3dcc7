import { IMAGE_TAGS } from "@molecule-ctk/image-builder";
import { describe, expect, it } from "vitest";
import { STUB_RUNTIME_IMAGE, workspaceImage } from "./provisioner-factory.js";

describe("workspaceImage", () => {
  it("defaults to the kit's stub runtime image, the tag image-builder builds", () => {
    expect(workspaceImage(undefined, {})).toBe(STUB_RUNTIME_IMAGE);
    expect(STUB_RUNTIME_IMAGE).toBe(IMAGE_TAGS["stub-runtime"]);
  });

  it("uses the platform's local resolution in the bash harness's environment", () => {
    expect(
      workspaceImage(undefined, {
        CACHE_TAG: "molecule-local/workspace-template-claude-code:0123456789ab-amd64",
      }),
    ).toBeUndefined();
    expect(workspaceImage(undefined, { MOLECULE_LOCAL_IMAGE_ISOLATION: "e2e-1-1-lifestub" })).toBeUndefined();
  });

  it("takes --image as given, and `local` as local resolution", () => {
    expect(workspaceImage("my/image:2", { CACHE_TAG: "x" })).toBe("my/image:2");
    expect(workspaceImage("local", {})).toBeUndefined();
  });
});
