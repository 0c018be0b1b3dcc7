import { z } from "zod";
import { parseContract } from "../parse.js";

/** The repository of a local-build workspace image is this prefix plus the runtime (contract 8.5). */
export const LOCAL_IMAGE_REPOSITORY_PREFIX = "molecule-local/workspace-template-";

/**
 * A runtime name that can stand in a local image's repository: one Docker path component
 * (lower-case alphanumerics, joined by `.`, `_`, `__` or dashes), so `claude-code` and `my_rt` are
 * valid and `Claude Code`, `a..b` or `../etc` are not. Upstream also allowlists its own four runtimes
 * (`IsKnownRuntime`); the kit does not, so templates upstream does not ship can be tested.
 */
export const LocalImageRuntime = z.string().regex(/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not a Docker repository name component: use lower-case letters and digits joined by ".", "_", "__" or "-", such as claude-code`,
});
export type LocalImageRuntime = z.infer<typeof LocalImageRuntime>;

/** `MOLECULE_LOCAL_IMAGE_ISOLATION`: at most 48 chars of `^[a-z0-9][a-z0-9_.-]*$` (contract 8.5, core#5031). */
export const ImageIsolation = z
  .string()
  .max(48, { error: (issue) => `${JSON.stringify(issue.input)} is longer than 48 characters` })
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} must start with [a-z0-9] and hold only lower-case letters, digits, ".", "_" or "-"`,
  });
export type ImageIsolation = z.infer<typeof ImageIsolation>;

/** The template repository's commit prefix in a local tag: `commit.id[:12]`. */
export const TemplateSha12 = z.string().regex(/^[0-9a-f]{12}$/, {
  error: (issue) => `${JSON.stringify(issue.input)} is not 12 lower-case hex digits (commit.id[:12])`,
});

/** The arch in a local tag: a Go arch name such as amd64 or arm64. */
export const ImageArch = z.string().regex(/^[a-z0-9_]+$/, {
  error: (issue) => `${JSON.stringify(issue.input)} is not a Go arch name such as amd64 or arm64`,
});

/** What a local tag is made of; a sha12 needs an arch. */
export const LocalImageTagParts = z
  .object({
    runtime: LocalImageRuntime,
    sha12: TemplateSha12.optional(),
    arch: ImageArch.optional(),
    isolation: ImageIsolation.optional(),
  })
  .refine((parts) => parts.sha12 === undefined || parts.arch !== undefined, {
    error: "a sha12 tag needs an arch",
    path: ["arch"],
  });
export type LocalImageTagParts = z.input<typeof LocalImageTagParts>;

const RepositoryInput = z.object({ runtime: LocalImageRuntime });

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

/** `molecule-local/workspace-template-<runtime>`; throws a ContractValidationError for a bad runtime. */
export function localImageRepository(runtime: string): string {
  return `${LOCAL_IMAGE_REPOSITORY_PREFIX}${parseContract(RepositoryInput, { runtime }, "local image").runtime}`;
}

/**
 * The local image the platform resolves (contract 8.5): `<repository>:<sha12>-<arch>[--<isolation>]`
 * given a sha12, else the floating `<repository>:latest[--<isolation>]`. Throws a
 * ContractValidationError naming each bad part.
 */
export function localImageTag(parts: LocalImageTagParts): string {
  const { runtime, sha12, arch, isolation } = parseContract(LocalImageTagParts, parts, "local image tag");
  const suffix = isolation === undefined ? "" : `--${isolation}`;
  const tag = sha12 === undefined ? "latest" : `${sha12}-${arch}`;
  return `${LOCAL_IMAGE_REPOSITORY_PREFIX}${runtime}:${tag}${suffix}`;
}

/** Go's GOARCH name for Node's `process.arch` (x64 → amd64); unknown names pass through. */
export function goArch(nodeArch: string = process.arch): string {
  return GO_ARCH[nodeArch] ?? nodeArch;
}

/** The tag's arch: the part of `MOLECULE_IMAGE_PLATFORM` after its first slash (as the harness reads it), else the host's GOARCH. */
export function imageArch(imagePlatform: string | undefined, hostArch: string = process.arch): string {
  if (imagePlatform === undefined || imagePlatform === "") return goArch(hostArch);
  const slash = imagePlatform.indexOf("/");
  return slash === -1 ? imagePlatform : imagePlatform.slice(slash + 1);
}
