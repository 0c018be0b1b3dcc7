import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import createDebug from "debug";
import type Docker from "dockerode";
import { APP_IMAGES, type AppImageName, packageDir, REPO_ROOT } from "./app-images.js";
import { bundleApp } from "./bundle-app.js";
import { createDockerClient, followProgress, ImageBuilderError } from "./docker-client.js";
import { ensureNodeBase } from "./node-base.js";

const debug = createDebug("molecule-ctk:image-builder:build");

/** The pinned official base used with `base: "official"` on a machine that can reach a registry. */
export const OFFICIAL_NODE_BASE = "node:20.20.2-bookworm-slim";

export interface BuildImageOptions {
  /** Tag to build; default `molecule-ctk/<name>:latest`. */
  tag?: string;
  /** `local` (default): a base made from this machine's Node; `official`: {@link OFFICIAL_NODE_BASE}. */
  base?: "local" | "official";
  docker?: Docker;
}

export interface BuiltImage {
  tag: string;
  id: string;
  sizeBytes: number;
}

/**
 * Bundles a package's entry with esbuild into `dist/image/`, then builds the package's own
 * Dockerfile on the chosen Node base with OCI labels (source, revision, version).
 */
export async function buildImage(name: AppImageName, options: BuildImageOptions = {}): Promise<BuiltImage> {
  const app = APP_IMAGES[name];
  return buildBundledImage(
    { dir: packageDir(name), entry: app.entry, bundle: app.bundle },
    { tag: app.tag, ...options },
  );
}

/** Where a bundled app lives: its directory (with a Dockerfile), entry and bundle file name. */
export interface BundledAppSpec {
  dir: string;
  /** Entry relative to `dir`, e.g. `src/main.ts`. */
  entry: string;
  /** Bundle file name; the Dockerfile copies `dist/image/<bundle>`. */
  bundle: string;
}

/** {@link buildImage} for any directory laid out like a package that ships an image. */
export async function buildBundledImage(
  spec: BundledAppSpec,
  options: BuildImageOptions & { tag: string },
): Promise<BuiltImage> {
  const docker = options.docker ?? createDockerClient();
  const { dir, bundle, tag } = { ...spec, tag: options.tag };
  const entry = join(dir, spec.entry);
  if (!existsSync(entry)) throw new ImageBuilderError(`[image-builder] ${dir} has no entry ${spec.entry}`);
  if (!existsSync(join(dir, "Dockerfile")))
    throw new ImageBuilderError(`[image-builder] ${dir} has no Dockerfile`);
  const base = options.base === "official" ? OFFICIAL_NODE_BASE : await ensureNodeBase(docker);
  await bundleApp({ entry, outfile: join(dir, "dist", "image", bundle) });
  const previous = await imageId(docker, tag);
  debug("building %s on %s", tag, base);
  const stream = await docker.buildImage({ context: dir, src: ["Dockerfile", `dist/image/${bundle}`] }, {
    t: tag,
    rm: true,
    forcerm: true,
    // A local base must never be looked up in a registry; the official one may be pulled.
    pull: options.base === "official" ? "true" : undefined,
    buildargs: { NODE_BASE: base, ...ociBuildArgs(dir) },
  } as Docker.ImageBuildOptions);
  await followProgress(docker, stream);
  const info = await docker.getImage(tag).inspect();
  if (previous && previous !== info.Id) await removeReplacedImage(docker, previous);
  return { tag, id: info.Id, sizeBytes: info.Size };
}

async function imageId(docker: Docker, ref: string): Promise<string | undefined> {
  try {
    return (await docker.getImage(ref).inspect()).Id;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}

// Removes the image a rebuilt tag pointed at before, so rebuilds do not pile up dangling images: only one
// this builder made (its OCI title starts with "molecule-ctk") and that nothing else uses (no other tag, no
// container: the engine refuses those with 409, which is left alone).
async function removeReplacedImage(docker: Docker, id: string): Promise<void> {
  try {
    const old = await docker.getImage(id).inspect();
    const title = old.Config?.Labels?.["org.opencontainers.image.title"] ?? "";
    if (!title.startsWith("molecule-ctk") || (old.RepoTags ?? []).length > 0) return;
    await docker.getImage(id).remove();
    debug("removed the replaced image %s", id.slice(7, 19));
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== 404 && status !== 409) throw error;
  }
}

function ociBuildArgs(dir: string): Record<string, string> {
  const version = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string })
    .version;
  return { VERSION: version, REVISION: git(["rev-parse", "HEAD"]) ?? "unknown", SOURCE: sourceUrl() };
}

function sourceUrl(): string {
  const remote = git(["remote", "get-url", "origin"]);
  // Never bake credentials of a remote URL into an image label.
  return remote ? remote.replace(/\/\/[^@/]+@/, "//") : "molecule-ctk";
}

function git(args: string[]): string | undefined {
  try {
    return execFileSync("git", args, {
      cwd: REPO_ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return undefined;
  }
}
