import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { ContractValidationError, localImageTag } from "@molecule-ctk/contract";
import type Docker from "dockerode";
import { IMAGE_TAGS } from "./app-images.js";
import { createDockerClient, ImageBuilderError } from "./docker-client.js";
import { imageExists } from "./node-base.js";

/** A harness tag request the platform would refuse; the message says which part and why. */
export class HarnessTagError extends ImageBuilderError {}

/** What the bash harness computes: its CACHE_TAG and LATEST_TAG (contract 12.2 step 1). */
export interface HarnessTags {
  cacheTag: string;
  latestTag: string;
}

/**
 * The two tags the lifecycle harness and the platform's local image resolution use, from the
 * contract's `localImageTag`: `<repository>:<sha12>-<arch>[--<isolation>]` and `:latest[--<isolation>]`.
 */
export function harnessTags(options: {
  sha12: string;
  arch: string;
  isolation?: string;
  runtime?: string;
}): HarnessTags {
  const { sha12, arch, isolation, runtime = "claude-code" } = options;
  try {
    return {
      cacheTag: localImageTag({ runtime, sha12, arch, isolation }),
      latestTag: localImageTag({ runtime, isolation }),
    };
  } catch (error) {
    if (!(error instanceof ContractValidationError)) throw error;
    throw new HarnessTagError(`[image-builder] ${error.message}`, { cause: error });
  }
}

/**
 * Tags an image (default the stub runtime's) with the harness tags, and optionally writes both
 * tags to a tarball with `docker save` for publishing.
 */
export async function tagForHarness(options: {
  sha12: string;
  arch: string;
  isolation?: string;
  image?: string;
  save?: string;
  docker?: Docker;
}): Promise<HarnessTags & { savedTo?: string }> {
  const tags = harnessTags(options);
  const docker = options.docker ?? createDockerClient();
  const image = options.image ?? IMAGE_TAGS["stub-runtime"];
  if (!(await imageExists(docker, image))) {
    throw new HarnessTagError(
      `[image-builder] image ${image} does not exist: build it first with \`molecule-ctk image build stub-runtime\` (in the repository: \`pnpm image stub-runtime\`)`,
    );
  }
  for (const ref of [tags.cacheTag, tags.latestTag]) {
    const [repo, tag] = splitRef(ref);
    await docker.getImage(image).tag({ repo, tag });
  }
  if (!options.save) return tags;
  // `docker save` of both tags: GET /images/get?names=a&names=b (dockerode types miss getImages).
  const saveImages = (
    docker as unknown as { getImages(opts: { names: string[] }): Promise<NodeJS.ReadableStream> }
  ).getImages;
  const stream = await saveImages.call(docker, { names: [tags.cacheTag, tags.latestTag] });
  await pipeline(stream, createWriteStream(options.save));
  return { ...tags, savedTo: options.save };
}

function splitRef(ref: string): [string, string] {
  const colon = ref.lastIndexOf(":");
  return [ref.slice(0, colon), ref.slice(colon + 1)];
}
