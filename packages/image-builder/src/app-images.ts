import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The packages that ship an image: where they live, their entry, the bundle name and the tag. */
export const APP_IMAGES = {
  "stub-runtime": {
    entry: "src/main.ts",
    bundle: "stub-runtime.mjs",
    tag: "molecule-ctk/stub-runtime:latest",
  },
  "mock-platform": {
    entry: "src/server/cli.ts",
    bundle: "mock-platform.mjs",
    tag: "molecule-ctk/mock-platform:latest",
  },
} as const;

export type AppImageName = keyof typeof APP_IMAGES;

/** The default tag of each image: `molecule-ctk/<name>:latest`. */
export const IMAGE_TAGS: Readonly<Record<AppImageName, string>> = {
  "stub-runtime": APP_IMAGES["stub-runtime"].tag,
  "mock-platform": APP_IMAGES["mock-platform"].tag,
};

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export function packageDir(name: AppImageName): string {
  return join(REPO_ROOT, "packages", name);
}

export function isAppImageName(value: string): value is AppImageName {
  return Object.hasOwn(APP_IMAGES, value);
}
