// @molecule-ctk/image-builder owns the kit's Docker images: a minimal Node base made from the local
// Node runtime (no registry needed), one-file esbuild bundles of the apps, image builds from each
// package's own Dockerfile, and the tags the upstream bash harness resolves.

export type { AppImageName } from "./app-images.js";
export { APP_IMAGES, IMAGE_TAGS, packageDir, REPO_ROOT } from "./app-images.js";
export type { BuildImageOptions, BuiltImage, BundledAppSpec } from "./build-image.js";
export { buildBundledImage, buildImage, OFFICIAL_NODE_BASE } from "./build-image.js";
export { bundleApp } from "./bundle-app.js";
export type { DockerEngineStatus } from "./docker-client.js";
export {
  checkDockerEngine,
  createDockerClient,
  ImageBuildError,
  ImageBuilderError,
} from "./docker-client.js";
export type { HarnessTags } from "./harness-tags.js";
export { HarnessTagError, harnessTags, tagForHarness } from "./harness-tags.js";
export { listImageFiles } from "./image-files.js";
export { ensureNodeBase, imageExists, NODE_BASE_IMAGE, nodeLibraries } from "./node-base.js";
