import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  APP_IMAGES,
  type AppImageName,
  bundleApp,
  type ImageContext,
  ociBuildArgs,
} from "@molecule-ctk/image-builder";
import { ImageContextError } from "../testcontainers-error.js";

/** Where each image's app comes from: its package (which owns the Dockerfile) and entry. */
const APP_SOURCES: Record<AppImageName, { packageName: string; entry: string }> = {
  "stub-runtime": { packageName: "@molecule-ctk/stub-runtime", entry: "src/main.ts" },
  "mock-platform": { packageName: "@molecule-ctk/mock-platform", entry: "src/server/cli.ts" },
};

/** The build contexts this package ships: `images/<name>/` beside `dist/` (made by `pnpm build`). */
const SHIPPED_CONTEXTS = fileURLToPath(new URL("../../images/", import.meta.url));

/** True when this module runs from its TypeScript source (the monorepo), false from the built package. */
export const RUNS_FROM_SOURCE = import.meta.url.endsWith(".ts");

/** The file each context records its OCI build args in. */
const CONTEXT_MANIFEST = "image.json";

/**
 * The build context of one of the kit's images. From the built package: the context it ships (the
 * bundle made when the package was packed, and the app's Dockerfile). From source: a fresh bundle
 * of the workspace sources written to `scratchDir`, so a test never runs a stale bundle.
 */
export async function kitImageContext(name: AppImageName, scratchDir: string): Promise<ImageContext> {
  if (RUNS_FROM_SOURCE) return writeImageContext(name, join(scratchDir, name));
  return readImageContext(join(SHIPPED_CONTEXTS, name));
}

/** Bundles an image's app from its package's sources into `outDir`, with its Dockerfile and build args. */
export async function writeImageContext(name: AppImageName, outDir: string): Promise<ImageContext> {
  const { packageName, entry } = APP_SOURCES[name];
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve(`${packageName}/package.json`));
  } catch (error) {
    throw new ImageContextError(
      `[testcontainers] cannot bundle ${name}: ${packageName} is not installed beside this package (only the monorepo bundles from source)`,
      { cause: error },
    );
  }
  const file = `dist/image/${APP_IMAGES[name].bundle}`;
  await mkdir(join(outDir, "dist", "image"), { recursive: true });
  await bundleApp({ entry: join(packageDir, entry), outfile: join(outDir, file) });
  await copyFile(join(packageDir, "Dockerfile"), join(outDir, "Dockerfile"));
  const context: ImageContext = { dir: outDir, files: [file], buildArgs: ociBuildArgs(packageDir) };
  await writeFile(
    join(outDir, CONTEXT_MANIFEST),
    `${JSON.stringify({ files: context.files, buildArgs: context.buildArgs }, null, 2)}\n`,
  );
  return context;
}

async function readImageContext(dir: string): Promise<ImageContext> {
  let manifest: { files: string[]; buildArgs: Record<string, string> };
  try {
    manifest = JSON.parse(await readFile(join(dir, CONTEXT_MANIFEST), "utf8"));
  } catch (error) {
    throw new ImageContextError(
      `[testcontainers] ${dir} holds no image context: this install of @molecule-ctk/testcontainers is incomplete, reinstall it`,
      { cause: error },
    );
  }
  return { dir, files: manifest.files, buildArgs: manifest.buildArgs };
}
