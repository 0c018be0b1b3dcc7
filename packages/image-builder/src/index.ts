// @molecule-ctk/image-builder owns how the kit's Docker images are made: a minimal Node base made from
// the local Node runtime (no registry needed), one-file esbuild bundles of the apps, image builds from
// a build context (a Dockerfile and the files it copies), and the tags the upstream bash harness resolves.

export type { AppImageName } from "./app-images.js";
export { APP_IMAGES, IMAGE_TAGS, isAppImageName } from "./app-images.js";
export type { BuildImageOptions, BuiltImage, BundledAppSpec, ImageContext } from "./build-image.js";
export {
  buildBundledImage,
  buildContextImage,
  OFFICIAL_NODE_BASE,
  ociBuildArgs,
} from "./build-image.js";
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
