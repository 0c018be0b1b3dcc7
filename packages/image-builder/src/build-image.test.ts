import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Docker from "dockerode";
import { extract } from "tar-stream";
import { afterAll, describe, expect, inject, it } from "vitest";
import { buildBundledImage } from "./build-image.js";
import { tagForHarness } from "./harness-tags.js";
import { removeImageRef, runId, runToCompletion, TEST_LABEL } from "./image-builder-test-utils.js";
import { listImageFiles } from "./image-files.js";
import { NODE_BASE_IMAGE } from "./node-base.js";

// Needs a Docker engine: skipped with the global setup's message when none answers (a failure in CI).
const noDocker = !inject("dockerAvailable");

const docker = new Docker();
const id = runId();
const labels = { [TEST_LABEL]: id };
const fixture = fileURLToPath(new URL("../test-fixtures/app", import.meta.url));
const tag = `molecule-ctk-test/fixture-app:${id}`;
const created: string[] = [tag];
const scratch = mkdtempSync(join(tmpdir(), "image-builder-"));

afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  if (noDocker) return;
  for (const ref of created.reverse()) await removeImageRef(docker, ref);
});

describe.skipIf(noDocker)("buildBundledImage", { timeout: 120_000 }, () => {
  it("bundles the entry into one file and builds the Dockerfile with OCI labels", async () => {
    const image = await buildBundledImage(
      { dir: fixture, entry: "src/main.ts", bundle: "app.mjs" },
      { tag, docker },
    );
    expect(image.tag).toBe(tag);
    expect(image.sizeBytes).toBeLessThanOrEqual(110 * 1000 * 1000);

    const { exitCode, output } = await runToCompletion(docker, tag, [], labels);
    expect(exitCode).toBe(0);
    expect(JSON.parse(output.trim())).toEqual({
      greeting: "hello from a bundled fixture",
      debug: "function",
    });

    const info = await docker.getImage(tag).inspect();
    const head = execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).trim();
    expect(info.Config.Labels).toMatchObject({
      "org.opencontainers.image.version": "1.2.3",
      "org.opencontainers.image.revision": head,
    });
    expect(info.Config.Labels["org.opencontainers.image.source"]).not.toMatch(/@/);
  });

  it("ships only the bundle in /app, no node_modules", async () => {
    expect(await listImageFiles(docker, tag, "/app", labels)).toEqual(["app/", "app/app.mjs"]);
  });

  it("removes the image a rebuilt tag pointed at when it made it and nothing else uses it", async () => {
    const rebuilt = `${tag}-rebuilt`;
    created.push(rebuilt);
    // An older build under the tag: the fixture image with another label, as a new revision would have.
    const container = await docker.createContainer({ Image: tag, Labels: labels });
    const commitOptions = {
      repo: rebuilt.split(":")[0],
      tag: rebuilt.split(":")[1],
      changes: ['LABEL org.opencontainers.image.title="molecule-ctk fixture (older)"'],
    };
    const { Id: older } = (await container.commit(commitOptions as never)) as unknown as { Id: string };
    await container.remove({ force: true });

    const image = await buildBundledImage(
      { dir: fixture, entry: "src/main.ts", bundle: "app.mjs" },
      { tag: rebuilt, docker },
    );
    expect(image.id).not.toBe(older);
    await expect(docker.getImage(older).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it("never removes a replaced image that another tag still names", async () => {
    const shared = `${tag}-shared`;
    created.push(shared);
    const base = await docker.getImage(NODE_BASE_IMAGE).inspect();
    const [repo = "", sharedTag = ""] = shared.split(":");
    await docker.getImage(NODE_BASE_IMAGE).tag({ repo, tag: sharedTag });
    await buildBundledImage(
      { dir: fixture, entry: "src/main.ts", bundle: "app.mjs" },
      { tag: shared, docker },
    );
    expect((await docker.getImage(NODE_BASE_IMAGE).inspect()).Id).toBe(base.Id);
  });

  it("refuses a directory without a Dockerfile with a message naming it", async () => {
    await expect(
      buildBundledImage({ dir: scratch, entry: "src/main.ts", bundle: "x.mjs" }, { tag: `${tag}-x`, docker }),
    ).rejects.toThrow(/has no entry src\/main\.ts/);
  });
});

describe.skipIf(noDocker)("tagForHarness", { timeout: 120_000 }, () => {
  it("tags the image with the harness tags and saves both to a tarball", async () => {
    const sha12 = runId() + runId().slice(0, 4);
    const save = join(scratch, "harness.tar");
    const result = await tagForHarness({
      sha12,
      arch: "amd64",
      isolation: `t-${id}`,
      image: tag,
      save,
      docker,
    });
    created.push(result.cacheTag, result.latestTag);
    const source = await docker.getImage(tag).inspect();
    expect((await docker.getImage(result.cacheTag).inspect()).Id).toBe(source.Id);
    expect((await docker.getImage(result.latestTag).inspect()).Id).toBe(source.Id);
    expect(result.cacheTag).toBe(`molecule-local/workspace-template-claude-code:${sha12}-amd64--t-${id}`);

    const manifest = JSON.parse(await tarEntry(readFileSync(save), "manifest.json")) as Array<{
      RepoTags: string[];
    }>;
    expect(manifest.flatMap((entry) => entry.RepoTags).sort()).toEqual(
      [result.cacheTag, result.latestTag].sort(),
    );
  });

  it("refuses an image that does not exist, naming it", async () => {
    await expect(
      tagForHarness({
        sha12: "0123456789ab",
        arch: "amd64",
        image: `molecule-ctk-test/missing:${id}`,
        docker,
      }),
    ).rejects.toThrow(/does not exist: build it first/);
  });
});

async function tarEntry(tar: Buffer, wanted: string): Promise<string> {
  let found = "";
  const reader = extract();
  reader.on("entry", (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: unknown) => chunks.push(chunk as Buffer));
    stream.on("end", () => {
      if (header.name === wanted) found = Buffer.concat(chunks).toString("utf8");
      next();
    });
  });
  reader.end(tar);
  await new Promise<void>((resolve, reject) => reader.on("finish", () => resolve()).on("error", reject));
  return found;
}
