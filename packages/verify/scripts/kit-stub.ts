// The kit's own stub runtime as a subject of `verify runtime`: bundled once into one file to run as
// a host command, or built into an image under a tag of the caller's, so a run never depends on a
// `latest` tag another run may re-point.
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildBundledImage, bundleApp } from "@molecule-ctk/image-builder";
import Dockerode from "dockerode";

const STUB_DIR = fileURLToPath(new URL("../../stub-runtime/", import.meta.url));

/** Knobs that make the stub beat every second and retry register quickly, for `--beat-seconds 1`. */
export const FAST_STUB_ENV: Readonly<Record<string, string>> = {
  STUB_HEARTBEAT_INTERVAL_MS: "1000",
  STUB_REGISTER_DELAY_MS: "250",
};

/** The stub bundled into one ESM file under a temp directory; `command` runs it with this Node. */
export async function bundleKitStub(): Promise<{ command: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "molecule-ctk-kit-stub-"));
  const outfile = join(dir, "stub-runtime.mjs");
  await bundleApp({ entry: join(STUB_DIR, "src", "main.ts"), outfile });
  return {
    command: `${JSON.stringify(process.execPath)} ${JSON.stringify(outfile)}`,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * Builds the stub's image (its own Dockerfile, on the local Node base) as `tag`, from a build context
 * of its own: no shared bundle file, no shared tag. `remove()` drops the tag again.
 */
export async function buildKitStubImage(tag: string): Promise<{ tag: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "molecule-ctk-kit-stub-image-"));
  try {
    await mkdir(join(dir, "src"));
    await writeFile(
      join(dir, "src", "main.ts"),
      `import ${JSON.stringify(join(STUB_DIR, "src", "main.ts"))};\n`,
    );
    await copyFile(join(STUB_DIR, "Dockerfile"), join(dir, "Dockerfile"));
    await copyFile(join(STUB_DIR, "package.json"), join(dir, "package.json"));
    const docker = new Dockerode();
    await buildBundledImage({ dir, entry: "src/main.ts", bundle: "stub-runtime.mjs" }, { tag, docker });
    return {
      tag,
      remove: async () => {
        await docker
          .getImage(tag)
          .remove()
          .catch(() => {}); // only the tag; a layer another tag uses stays
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
