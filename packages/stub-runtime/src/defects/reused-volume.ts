import { access, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { StubRuntimeError } from "../stub-runtime-error.js";

const MARKER = ".stub-runtime-booted";

/**
 * The STUB_DEFECT crash-on-reused-volume: marks the config volume on the first boot, and refuses
 * to boot on a volume an earlier boot marked (what a restart hands a runtime, contract 8.6).
 */
export async function refuseReusedVolume(configPath: string): Promise<void> {
  const marker = join(configPath, MARKER);
  const used = await access(marker).then(
    () => true,
    () => false,
  );
  if (used) {
    throw new StubRuntimeError(
      `[stub-runtime] ${configPath} was used by an earlier boot: refusing to start (STUB_DEFECT crash-on-reused-volume)`,
    );
  }
  await writeFile(marker, "booted\n").catch(() => {}); // a read-only volume: nothing to mark
}
