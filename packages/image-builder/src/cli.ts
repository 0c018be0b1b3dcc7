// The image-builder's command line: `pnpm image` and `pnpm image:harness-tag` at the root.
import { parseArgs } from "node:util";
import { APP_IMAGES, type AppImageName, isAppImageName } from "./app-images.js";
import { buildImage } from "./build-image.js";
import { ImageBuilderError } from "./docker-client.js";
import { tagForHarness } from "./harness-tags.js";

const USAGE = `Usage:
  pnpm image [stub-runtime] [mock-platform] [--base local|official]
      Builds the images (all by default) as molecule-ctk/<name>:latest. --base local (default) makes
      a minimal Node base from this machine's node binary, so no registry is needed; --base official
      builds on the pinned official node image instead (needs a registry).
  pnpm image:harness-tag --sha12 S --arch A [--isolation I] [--image REF] [--save FILE]
      Tags the stub image (or REF) as molecule-local/workspace-template-claude-code:<S>-<A>[--<I>]
      and :latest[--<I>], the tags the upstream lifecycle harness and platform resolve, and with
      --save writes both to a tarball (docker save) for publishing.`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === "build") return build(rest);
  if (command === "harness-tag") return harnessTag(rest);
  throw new UsageError(command ? `unknown command "${command}"` : "missing command");
}

async function build(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { base: { type: "string", default: "local" }, help: { type: "boolean" } },
  });
  if (values.help) return void console.log(USAGE);
  if (values.base !== "local" && values.base !== "official")
    throw new UsageError(`--base must be local or official`);
  const names = positionals.length ? positionals : Object.keys(APP_IMAGES);
  for (const name of names) if (!isAppImageName(name)) throw new UsageError(`unknown image "${name}"`);
  for (const name of names as AppImageName[]) {
    const started = performance.now();
    const image = await buildImage(name, { base: values.base });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`built ${image.tag} (${(image.sizeBytes / 1e6).toFixed(1)} MB) in ${seconds} s`);
  }
}

async function harnessTag(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      sha12: { type: "string" },
      arch: { type: "string" },
      isolation: { type: "string" },
      image: { type: "string" },
      save: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) return void console.log(USAGE);
  if (!values.sha12 || !values.arch) throw new UsageError("--sha12 and --arch are required");
  const result = await tagForHarness({
    sha12: values.sha12,
    arch: values.arch,
    ...(values.isolation === undefined ? {} : { isolation: values.isolation }),
    ...(values.image === undefined ? {} : { image: values.image }),
    ...(values.save === undefined ? {} : { save: values.save }),
  });
  console.log(`tagged ${result.cacheTag}\ntagged ${result.latestTag}`);
  if (result.savedTo) console.log(`saved both tags to ${result.savedTo}`);
}

class UsageError extends Error {}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || (error instanceof TypeError && "code" in error)) {
    console.error(`[image-builder] ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(error instanceof ImageBuilderError ? error.message : error);
  process.exit(1);
});
