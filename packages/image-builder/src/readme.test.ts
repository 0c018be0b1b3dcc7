// The README's code, run as written (its block sits verbatim between the "README" comments); the
// last test fails when a block of the README appears in no test.
import { fileURLToPath } from "node:url";
import { buildBundledImage, ensureNodeBase, NODE_BASE_IMAGE } from "@molecule-ctk/image-builder";
import Docker from "dockerode";
import { afterAll, describe, expect, inject, it } from "vitest";
import { untestedBlocks } from "../../../scripts/readme-snippets.js";
import { removeImageRef, runId } from "./image-builder-test-utils.js";

const appDir = fileURLToPath(new URL("../test-fixtures/app", import.meta.url));
const imageTag = `molecule-ctk-test/readme-app:${runId()}`;

afterAll(async () => {
  if (inject("dockerAvailable")) await removeImageRef(new Docker(), imageTag);
});

describe("the README", () => {
  it.skipIf(!inject("dockerAvailable"))("builds a bundled app on the local Node base", async () => {
    // README: build (after its import)
    const base = await ensureNodeBase(); // molecule-ctk/node-base:<node version>, built in ~1.5 s if missing
    // appDir: a package whose Dockerfile copies dist/image/app.mjs; imageTag: the tag to build
    const image = await buildBundledImage(
      { dir: appDir, entry: "src/main.ts", bundle: "app.mjs" },
      { tag: imageTag },
    );
    // README end
    expect(base).toBe(NODE_BASE_IMAGE);
    expect(image.tag).toBe(imageTag);
    expect((await new Docker().getImage(imageTag).inspect()).Id).toBe(image.id);
  });

  it("shows no code that a test does not run", () => {
    const readme = fileURLToPath(new URL("../README.md", import.meta.url));
    expect(untestedBlocks(readme, [fileURLToPath(import.meta.url)])).toEqual([]);
  });
});
