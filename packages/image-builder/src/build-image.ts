import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import createDebug from "debug";
import type Docker from "dockerode";
import { bundleApp } from "./bundle-app.js";
import { createDockerClient, followProgress, ImageBuilderError } from "./docker-client.js";
import { ensureNodeBase } from "./node-base.js";

const debug = createDebug("molecule-ctk:image-builder:build");

/** The pinned official base used with `base: "official"` on a machine that can reach a registry. */
export const OFFICIAL_NODE_BASE = "node:20.20.2-bookworm-slim";

export interface BuildImageOptions {
  /** `local` (default): a base made from this machine's Node; `official`: {@link OFFICIAL_NODE_BASE}. */
  base?: "local" | "official";
  /** Labels on the image, e.g. a run label so a cleanup finds it. */
  labels?: Readonly<Record<string, string>>;
  docker?: Docker;
}

export interface BuiltImage {
  tag: string;
  id: string;
  sizeBytes: number;
}

/**
 * A Docker build context on disk: a directory with a `Dockerfile` that copies `files` (paths
 * relative to `dir`), and the OCI build args (`VERSION`, `REVISION`, `SOURCE`) its labels take.
 */
export interface ImageContext {
  dir: string;
  files: ReadonlyArray<string>;
  buildArgs: Readonly<Record<string, string>>;
}

/**
 * Builds a context's Dockerfile on the chosen Node base (passed as the `NODE_BASE` build arg) with
 * only the context's files sent to the engine, so nothing else (no `node_modules`) can reach the image.
 */
export async function buildContextImage(
  context: ImageContext,
  options: BuildImageOptions & { tag: string },
): Promise<BuiltImage> {
  const docker = options.docker ?? createDockerClient();
  const { dir } = context;
  if (!existsSync(join(dir, "Dockerfile")))
    throw new ImageBuilderError(`[image-builder] ${dir} has no Dockerfile`);
  for (const file of context.files) {
    if (!existsSync(join(dir, file))) throw new ImageBuilderError(`[image-builder] ${dir} has no ${file}`);
  }
  const base = options.base === "official" ? OFFICIAL_NODE_BASE : await ensureNodeBase(docker);
  const previous = await imageId(docker, options.tag);
  debug("building %s on %s", options.tag, base);
  for (let attempt = 1; ; attempt++) {
    const stream = await docker.buildImage({ context: dir, src: ["Dockerfile", ...context.files] }, {
      t: options.tag,
      rm: true,
      forcerm: true,
      // A local base must never be looked up in a registry; the official one may be pulled.
      pull: options.base === "official" ? "true" : undefined,
      buildargs: { NODE_BASE: base, ...context.buildArgs },
      ...(options.labels ? { labels: { ...options.labels } } : {}),
    } as Docker.ImageBuildOptions);
    try {
      await followProgress(docker, stream);
      break;
    } catch (error) {
      if (attempt >= 3 || !LOST_CACHED_LAYER.test((error as Error).message)) throw error;
      debug("building %s: a cached layer was removed under the build, again (%s)", options.tag, error);
    }
  }
  const info = await docker.getImage(options.tag).inspect();
  if (previous && previous !== info.Id) await removeReplacedImage(docker, previous);
  return { tag: options.tag, id: info.Id, sizeBytes: info.Size };
}

// Runs on one engine share cached layers: when another run removes its image, dockerd 20.10 also
// prunes the untagged parents a build in progress is reusing, and that build fails so. Built again,
// the lost layers are made afresh.
const LOST_CACHED_LAYER =
  /failed to get digest|imagedb\/content\/sha256\/\w+: no such file|No such image: sha256:/;

/** Where a bundled app lives: its directory (with a Dockerfile and package.json), entry and bundle name. */
export interface BundledAppSpec {
  dir: string;
  /** Entry relative to `dir`, e.g. `src/main.ts`. */
  entry: string;
  /** Bundle file name; the Dockerfile copies `dist/image/<bundle>`. */
  bundle: string;
}

/**
 * Bundles a package's entry with esbuild into `<dir>/dist/image/<bundle>`, then builds the package's
 * own Dockerfile with OCI labels from its package.json version and its git checkout.
 */
export async function buildBundledImage(
  spec: BundledAppSpec,
  options: BuildImageOptions & { tag: string },
): Promise<BuiltImage> {
  const entry = join(spec.dir, spec.entry);
  if (!existsSync(entry))
    throw new ImageBuilderError(`[image-builder] ${spec.dir} has no entry ${spec.entry}`);
  if (!existsSync(join(spec.dir, "Dockerfile")))
    throw new ImageBuilderError(`[image-builder] ${spec.dir} has no Dockerfile`);
  const file = `dist/image/${spec.bundle}`;
  await bundleApp({ entry, outfile: join(spec.dir, file) });
  return buildContextImage({ dir: spec.dir, files: [file], buildArgs: ociBuildArgs(spec.dir) }, options);
}

/** The OCI build args of a package directory: its package.json version, and its checkout's HEAD and origin. */
export function ociBuildArgs(dir: string): Record<string, string> {
  const version = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string })
    .version;
  return { VERSION: version, REVISION: git(dir, ["rev-parse", "HEAD"]) ?? "unknown", SOURCE: sourceUrl(dir) };
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

function sourceUrl(dir: string): string {
  const remote = git(dir, ["remote", "get-url", "origin"]);
  // Never bake credentials of a remote URL into an image label.
  return remote ? remote.replace(/\/\/[^@/]+@/, "//") : "molecule-ctk";
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}
