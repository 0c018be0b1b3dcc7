import {
  ContractValidationError,
  ImageIsolation,
  imageArch,
  LOCAL_IMAGE_REPOSITORY_PREFIX,
  localImageRepository,
  localImageTag,
  safeParseContract,
} from "@molecule-ctk/contract";
import { z } from "zod";
import { ImageResolutionError } from "./errors.js";

const DOCKER_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const IsolationInput = z.object({ MOLECULE_LOCAL_IMAGE_ISOLATION: ImageIsolation });

/** What local image resolution reads; every field mirrors an env var of the harness (contract 12.2). */
export interface LocalImageOptions {
  runtime: string;
  /** The template repo's 12-char commit sha; selects the `<sha12>-<arch><suffix>` tag. */
  sha12?: string;
  /** `CACHE_TAG`: a full reference or a bare tag; pins the tag and skips the sha lookup. */
  cacheTag?: string;
  /** `MOLECULE_LOCAL_IMAGE_ISOLATION`. */
  isolation?: string;
  /** `MOLECULE_IMAGE_PLATFORM`, e.g. `linux/amd64`; its part after `/` is the tag's arch. */
  imagePlatform?: string;
  /** Node's `process.arch` of the host; defaults to the current one. */
  hostArch?: string;
}

/** Returns the isolation token, or undefined when unset or empty; throws for an invalid value (core#5031). */
export function validateImageIsolation(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  const result = safeParseContract(
    IsolationInput,
    { MOLECULE_LOCAL_IMAGE_ISOLATION: value },
    "image isolation",
  );
  if (!result.ok)
    throw new ImageResolutionError(`[mock-platform] ${result.error.message}`, { cause: result.error });
  return value;
}

/**
 * The local image of a runtime (contract 8.5, RegistryModeLocal): the pinned `cacheTag`, else
 * the contract's `localImageTag`: `<sha12>-<arch><--isolation>` given a sha, else `latest<--isolation>`.
 */
export function resolveLocalImage(options: LocalImageOptions): string {
  const isolation = validateImageIsolation(options.isolation);
  try {
    if (options.cacheTag !== undefined && options.cacheTag !== "") {
      return `${localImageRepository(options.runtime)}:${pinnedTag(options.cacheTag)}`;
    }
    if (options.sha12 === undefined || options.sha12 === "") {
      return localImageTag({ runtime: options.runtime, isolation });
    }
    const arch = imageArch(options.imagePlatform, options.hostArch);
    return localImageTag({ runtime: options.runtime, sha12: options.sha12, arch, isolation });
  } catch (error) {
    if (!(error instanceof ContractValidationError)) throw error;
    throw new ImageResolutionError(
      `[mock-platform] ${error.message}: check the runtime, MOLECULE_IMAGE_PLATFORM (os/arch) and the template sha, or configure the image option`,
      { cause: error },
    );
  }
}

/** The image options the harness passes through the environment: CACHE_TAG, MOLECULE_LOCAL_IMAGE_ISOLATION, MOLECULE_IMAGE_PLATFORM. */
export function localImageOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Omit<LocalImageOptions, "runtime"> {
  const options: Omit<LocalImageOptions, "runtime"> = {};
  if (env["CACHE_TAG"]) options.cacheTag = env["CACHE_TAG"];
  if (env["MOLECULE_LOCAL_IMAGE_ISOLATION"]) options.isolation = env["MOLECULE_LOCAL_IMAGE_ISOLATION"];
  if (env["MOLECULE_IMAGE_PLATFORM"]) options.imagePlatform = env["MOLECULE_IMAGE_PLATFORM"];
  validateImageIsolation(options.isolation);
  return options;
}

// CACHE_TAG is the harness's full reference (`molecule-local/workspace-template-<rt>:<tag>`) or a
// bare tag; only its tag is kept, so every runtime resolves within its own local repository.
function pinnedTag(cacheTag: string): string {
  const colon = cacheTag.lastIndexOf(":");
  const hasRepository = colon !== -1 && !cacheTag.slice(colon + 1).includes("/");
  const tag = hasRepository ? cacheTag.slice(colon + 1) : cacheTag;
  if (hasRepository && !cacheTag.slice(0, colon).startsWith(LOCAL_IMAGE_REPOSITORY_PREFIX)) {
    throw new ImageResolutionError(
      `[mock-platform] CACHE_TAG ${JSON.stringify(cacheTag)} is not a ${LOCAL_IMAGE_REPOSITORY_PREFIX}<runtime> ` +
        "reference: pin a local template tag, or configure the image option for any other image",
    );
  }
  if (!DOCKER_TAG.test(tag)) {
    throw new ImageResolutionError(
      `[mock-platform] CACHE_TAG ${JSON.stringify(cacheTag)} has no valid Docker tag: pin the tag the harness computed`,
    );
  }
  return tag;
}
