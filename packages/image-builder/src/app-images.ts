/**
 * The kit's images: the bundle their Dockerfile copies (`dist/image/<bundle>` in the build context)
 * and the tag `molecule-ctk image build` gives them by default. The build contexts themselves ship
 * in `@molecule-ctk/testcontainers`.
 */
export const APP_IMAGES = {
  "stub-runtime": { bundle: "stub-runtime.mjs", tag: "molecule-ctk/stub-runtime:latest" },
  "mock-platform": { bundle: "mock-platform.mjs", tag: "molecule-ctk/mock-platform:latest" },
} as const;

export type AppImageName = keyof typeof APP_IMAGES;

/** The default tag of each image: `molecule-ctk/<name>:latest`. */
export const IMAGE_TAGS: Readonly<Record<AppImageName, string>> = {
  "stub-runtime": APP_IMAGES["stub-runtime"].tag,
  "mock-platform": APP_IMAGES["mock-platform"].tag,
};

export function isAppImageName(value: string): value is AppImageName {
  return Object.hasOwn(APP_IMAGES, value);
}
