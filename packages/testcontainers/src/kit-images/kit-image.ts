import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type AppImageName,
  type BuildImageOptions,
  type BuiltImage,
  buildContextImage,
  createDockerClient,
} from "@molecule-ctk/image-builder";
import createDebug from "debug";
import { sessionId, sessionLabels } from "../session.js";
import { startSessionReaper } from "../session-reaper.js";
import { kitImageContext } from "./image-context.js";

const debug = createDebug("molecule-ctk:testcontainers:image");

/**
 * Builds one of the kit's images (`stub-runtime`, `mock-platform`) from the build context this
 * package ships, under `tag`. Builds on a base made from the local Node runtime by default, so no
 * registry is needed.
 */
export async function buildKitImage(
  name: AppImageName,
  options: BuildImageOptions & { tag: string },
): Promise<BuiltImage> {
  const scratch = await mkdtemp(join(tmpdir(), "molecule-ctk-image-"));
  try {
    return await buildContextImage(await kitImageContext(name, scratch), options);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The tag an image gets when a container class builds it for this process: never shared with another run. */
export function sessionImageTag(name: AppImageName): string {
  return `molecule-ctk/${name}:session-${sessionId()}`;
}

const sessionImages = new Map<AppImageName, Promise<string>>();

/**
 * This process's own build of an image, made on first use: tagged {@link sessionImageTag} and
 * labelled with the session, so no other run ever re-tags or removes it, and the session reaper
 * removes it once this process ends.
 */
export function sessionKitImage(name: AppImageName): Promise<string> {
  let image = sessionImages.get(name);
  if (!image) {
    image = (async () => {
      const docker = createDockerClient();
      startSessionReaper();
      const started = performance.now();
      const built = await buildKitImage(name, {
        tag: sessionImageTag(name),
        labels: sessionLabels(),
        docker,
      });
      debug("built %s in %d ms", built.tag, Math.round(performance.now() - started));
      return built.tag;
    })();
    image.catch(() => sessionImages.delete(name)); // a failed build is retried by the next start
    sessionImages.set(name, image);
  }
  return image;
}
