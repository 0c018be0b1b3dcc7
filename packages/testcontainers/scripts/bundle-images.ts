// `pnpm build` of @molecule-ctk/testcontainers: writes the build context of each of the kit's images
// (the app's one-file bundle, its Dockerfile, its OCI build args) into images/<name>/, the folder the
// published package ships, so an installed package builds its images without the repository.
import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { APP_IMAGES, type AppImageName } from "@molecule-ctk/image-builder";
import { writeImageContext } from "../src/kit-images/image-context.js";

const out = fileURLToPath(new URL("../images/", import.meta.url));
await rm(out, { recursive: true, force: true });
for (const name of Object.keys(APP_IMAGES) as AppImageName[]) {
  const context = await writeImageContext(name, `${out}${name}`);
  console.log(`images/${name}: ${context.files.join(", ")} (version ${context.buildArgs.VERSION})`);
}
