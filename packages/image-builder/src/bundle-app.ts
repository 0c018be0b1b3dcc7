import { ImageBuilderError } from "./docker-client.js";

// ESM bundles lose `require`, `__filename` and `__dirname`; CommonJS dependencies (debug, dockerode
// and its ssh2/cpu-features probes) still use them.
const COMMONJS_SHIM = [
  "import { createRequire as __ctkCreateRequire } from 'node:module';",
  "import { fileURLToPath as __ctkFileURLToPath } from 'node:url';",
  "import { dirname as __ctkDirname } from 'node:path';",
  "const require = __ctkCreateRequire(import.meta.url);",
  "const __filename = __ctkFileURLToPath(import.meta.url);",
  "const __dirname = __ctkDirname(__filename);",
].join(" ");

/**
 * Bundles a TypeScript entry and everything it imports into ONE ESM file for Node 20, resolving
 * workspace packages through their `source` condition. Optional native parts of ssh2 (pulled in by
 * dockerode) stay external: they are loaded inside try/catch and are not needed. Needs esbuild, a
 * development dependency: installed packages ship their bundles already made.
 */
export async function bundleApp(options: { entry: string; outfile: string }): Promise<void> {
  const { build } = await import("esbuild").catch((error: unknown) => {
    throw new ImageBuilderError(
      "[image-builder] bundling needs esbuild, which is not installed: add it (npm i -D esbuild), or build from the bundles a package ships",
      { cause: error },
    );
  });
  await build({
    entryPoints: [options.entry],
    outfile: options.outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    conditions: ["source"],
    mainFields: ["module", "main"],
    banner: { js: COMMONJS_SHIM },
    external: ["cpu-features", "*.node"],
    legalComments: "none",
    logLevel: "error",
  });
}
