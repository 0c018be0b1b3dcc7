import { parseArgs } from "node:util";
import {
  APP_IMAGES,
  type AppImageName,
  checkDockerEngine,
  IMAGE_TAGS,
  ImageBuilderError,
  isAppImageName,
  tagForHarness,
} from "@molecule-ctk/image-builder";
import type { CommandIo } from "./command-io.js";

export const IMAGE_USAGE = `Usage: molecule-ctk image <build|harness-tag> [options]

  build [stub-runtime] [mock-platform] [--tag T] [--base local|official]
      Builds the images (both by default) from the bundles this kit ships, as
      molecule-ctk/<name>:latest, or as T with --tag (one image at a time). --base local (default)
      makes a minimal Node base from this machine's node binary, so no registry is needed;
      --base official builds on the pinned official node image instead (needs a registry).

  harness-tag --sha12 S --arch A [--isolation I] [--image REF] [--save FILE]
      Tags the stub image (or REF) as molecule-local/workspace-template-claude-code:<S>-<A>[--<I>]
      and :latest[--<I>], the tags the upstream lifecycle harness and the platform resolve; with
      --save writes both tags to a tarball (docker save) for publishing.

Run "molecule-ctk image build --help" or "molecule-ctk image harness-tag --help" for one of them.`;

const BUILD_USAGE = IMAGE_USAGE.split("\n\n")[1] ?? "";
const HARNESS_USAGE = IMAGE_USAGE.split("\n\n")[2] ?? "";

/** Runs `image <build|harness-tag> ...`; resolves the exit code (0 done, 1 failed, 2 usage). */
export async function runImageCommand(args: ReadonlyArray<string>, io: CommandIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h") {
    (name === undefined ? io.err : io.out)(IMAGE_USAGE);
    return name === undefined ? 2 : 0;
  }
  if (name !== "build" && name !== "harness-tag") {
    io.err(
      `[image] unknown subcommand ${JSON.stringify(name)}: use build or harness-tag. Run "molecule-ctk image --help" for usage.`,
    );
    return 2;
  }
  try {
    return name === "build" ? await build(rest, io) : await harnessTag(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`[image] ${error.message}. Run "molecule-ctk image ${name} --help" for usage.`);
      return 2;
    }
    if (
      error instanceof ImageBuilderError ||
      (error instanceof Error && /^\[[\w-]+\] /.test(error.message))
    ) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
}

async function build(args: ReadonlyArray<string>, io: CommandIo): Promise<number> {
  const { values, positionals } = usageOf(() =>
    parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        base: { type: "string", default: "local" },
        tag: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }),
  );
  if (values.help) return help(io, BUILD_USAGE);
  if (values.base !== "local" && values.base !== "official")
    throw new UsageError("--base must be local or official");
  const names = positionals.length > 0 ? positionals : Object.keys(APP_IMAGES);
  for (const name of names)
    if (!isAppImageName(name)) throw new UsageError(`unknown image ${JSON.stringify(name)}`);
  if (values.tag !== undefined && names.length !== 1) {
    throw new UsageError("--tag names one image: give the image too, e.g. image build stub-runtime --tag T");
  }
  if (!(await engineAnswers(io))) return 1;
  const { buildKitImage } = await import("@molecule-ctk/testcontainers");
  for (const name of names as AppImageName[]) {
    const started = performance.now();
    const image = await buildKitImage(name, { tag: values.tag ?? IMAGE_TAGS[name], base: values.base });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.out(`built ${image.tag} (${(image.sizeBytes / 1e6).toFixed(1)} MB) in ${seconds} s`);
  }
  return 0;
}

async function harnessTag(args: ReadonlyArray<string>, io: CommandIo): Promise<number> {
  const { values } = usageOf(() =>
    parseArgs({
      args: [...args],
      options: {
        sha12: { type: "string" },
        arch: { type: "string" },
        isolation: { type: "string" },
        image: { type: "string" },
        save: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }),
  );
  if (values.help) return help(io, HARNESS_USAGE);
  if (!values.sha12 || !values.arch) throw new UsageError("--sha12 and --arch are required");
  if (!(await engineAnswers(io))) return 1;
  const result = await tagForHarness({
    sha12: values.sha12,
    arch: values.arch,
    ...(values.isolation === undefined ? {} : { isolation: values.isolation }),
    ...(values.image === undefined ? {} : { image: values.image }),
    ...(values.save === undefined ? {} : { save: values.save }),
  });
  io.out(`tagged ${result.cacheTag}\ntagged ${result.latestTag}`);
  if (result.savedTo) io.out(`saved both tags to ${result.savedTo}`);
  return 0;
}

class UsageError extends Error {}

// parseArgs throws a TypeError for an unknown or malformed flag: a usage error here.
function usageOf<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function help(io: CommandIo, usage: string): number {
  io.out(`Usage: molecule-ctk image ${usage.trim()}`);
  return 0;
}

async function engineAnswers(io: CommandIo): Promise<boolean> {
  const engine = await checkDockerEngine();
  if (!engine.available) io.err(`[image] ${engine.reason}`);
  return engine.available;
}
