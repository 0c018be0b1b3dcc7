import { ImageResolutionError } from "./errors.js";

/** `MOLECULE_LOCAL_IMAGE_ISOLATION` must match this and be at most 48 chars (core#5031, contract 8.5). */
export const IMAGE_ISOLATION_PATTERN = /^[a-z0-9][a-z0-9_.-]*$/;
/** Longest accepted `MOLECULE_LOCAL_IMAGE_ISOLATION` token. */
export const MAX_IMAGE_ISOLATION_LENGTH = 48;
/** The repository prefix of local-build workspace images: `<prefix><runtime>`. */
export const LOCAL_IMAGE_REPOSITORY_PREFIX = "molecule-local/workspace-template-";

const RUNTIME_PATTERN = /^[a-z0-9]+(?:[._-]+[a-z0-9]+)*$/;
const SHA12_PATTERN = /^[0-9a-f]{12}$/;
const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const GO_ARCH: Readonly<Record<string, string>> = {
  x64: "amd64",
  arm64: "arm64",
  ia32: "386",
  arm: "arm",
  ppc64: "ppc64le",
  s390x: "s390x",
  riscv64: "riscv64",
  loong64: "loong64",
};

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
  if (value.length > MAX_IMAGE_ISOLATION_LENGTH || !IMAGE_ISOLATION_PATTERN.test(value)) {
    throw new ImageResolutionError(
      `[mock-platform] MOLECULE_LOCAL_IMAGE_ISOLATION ${JSON.stringify(value)} is invalid: it must match ` +
        `${IMAGE_ISOLATION_PATTERN.source} and be at most ${MAX_IMAGE_ISOLATION_LENGTH} chars`,
    );
  }
  return value;
}

/** The tag suffix for an isolation token: `--<token>`, or "" when unset. */
export function isolationSuffix(isolation: string | undefined): string {
  const token = validateImageIsolation(isolation);
  return token === undefined ? "" : `--${token}`;
}

/** Maps Node's `process.arch` to Go's GOARCH name (x64 → amd64); unknown names pass through. */
export function goArch(nodeArch: string = process.arch): string {
  return GO_ARCH[nodeArch] ?? nodeArch;
}

/** The tag's arch: the part of `imagePlatform` after its first slash (as the harness does), else the host's GOARCH. */
export function imageArch(imagePlatform: string | undefined, hostArch: string = process.arch): string {
  if (imagePlatform === undefined || imagePlatform === "") return goArch(hostArch);
  const slash = imagePlatform.indexOf("/");
  return slash === -1 ? imagePlatform : imagePlatform.slice(slash + 1);
}

/**
 * The local image of a runtime (contract 8.5, RegistryModeLocal): the pinned `cacheTag`, else
 * `molecule-local/workspace-template-<runtime>:<sha12>-<arch><--isolation>` when a sha is given,
 * else `...:latest<--isolation>` (the harness tags both).
 */
export function resolveLocalImage(options: LocalImageOptions): string {
  const { runtime } = options;
  if (!RUNTIME_PATTERN.test(runtime)) {
    throw new ImageResolutionError(
      `[mock-platform] runtime ${JSON.stringify(runtime)} has no local image name: ` +
        "use a lower-case runtime such as claude-code, or configure the image option",
    );
  }
  const repository = `${LOCAL_IMAGE_REPOSITORY_PREFIX}${runtime}`;
  const suffix = isolationSuffix(options.isolation);
  let tag: string;
  if (options.cacheTag !== undefined && options.cacheTag !== "") {
    tag = pinnedTag(options.cacheTag);
  } else if (options.sha12 !== undefined && options.sha12 !== "") {
    if (!SHA12_PATTERN.test(options.sha12)) {
      throw new ImageResolutionError(
        `[mock-platform] image sha ${JSON.stringify(options.sha12)} is not 12 lower-case hex digits: ` +
          "pass commit.id[:12] of the template repository",
      );
    }
    tag = `${options.sha12}-${imageArch(options.imagePlatform, options.hostArch)}${suffix}`;
  } else {
    tag = `latest${suffix}`;
  }
  if (!TAG_PATTERN.test(tag)) {
    throw new ImageResolutionError(
      `[mock-platform] image tag ${JSON.stringify(tag)} for runtime ${runtime} is not a valid Docker tag: ` +
        "check MOLECULE_IMAGE_PLATFORM (os/arch) and CACHE_TAG",
    );
  }
  return `${repository}:${tag}`;
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
  if (!hasRepository) return cacheTag;
  const repository = cacheTag.slice(0, colon);
  if (!repository.startsWith(LOCAL_IMAGE_REPOSITORY_PREFIX)) {
    throw new ImageResolutionError(
      `[mock-platform] CACHE_TAG ${JSON.stringify(cacheTag)} is not a ${LOCAL_IMAGE_REPOSITORY_PREFIX}<runtime> ` +
        "reference: pin a local template tag, or configure the image option for any other image",
    );
  }
  return cacheTag.slice(colon + 1);
}
