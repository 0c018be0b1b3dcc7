// The Docker side of `pnpm harness:upstream`: the docker CLI (the harness drives the same one), the
// `alpine:3` stand-in its step 2f needs on an engine without a registry, and the check that a run
// left nothing behind.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const STAND_IN_IMAGE = "alpine:3";
const STAND_IN_LABEL = "molecule-ctk.harness=stand-in";
// Step 2f runs `sh -c "cat > /configs/config.yaml"`; the rest make the stand-in usable by hand.
const APPLETS = ["sh", "cat", "ls", "mkdir", "printf", "tee", "chown", "chmod", "echo", "true"];

/** Runs the docker CLI; resolves its stdout, trimmed. `ok` is false for a non-zero exit. */
export function docker(...args: string[]): { ok: boolean; out: string; err: string } {
  const result = spawnSync("docker", args, { encoding: "utf8" });
  return { ok: result.status === 0, out: (result.stdout ?? "").trim(), err: (result.stderr ?? "").trim() };
}

export function imageExists(ref: string): boolean {
  return docker("image", "inspect", "--format", "{{.Id}}", ref).ok;
}

/**
 * Makes `alpine:3` from a static busybox when the engine lacks it (nothing can be pulled here),
 * labelled as the stand-in. Resolves true when it made it (so the caller removes it again).
 */
export function ensureStandInAlpine(): boolean {
  if (imageExists(STAND_IN_IMAGE)) return false;
  const busybox = spawnSync("sh", ["-c", "command -v busybox"], { encoding: "utf8" }).stdout.trim();
  const ldd = busybox === "" ? undefined : spawnSync("ldd", [busybox], { encoding: "utf8" });
  if (busybox === "" || !`${ldd?.stdout}${ldd?.stderr}`.includes("not a dynamic executable")) {
    throw new UsageError(
      `${STAND_IN_IMAGE} is not on the engine and no static busybox is on PATH to make a stand-in: apt-get install -y busybox-static (never docker pull here)`,
    );
  }
  const root = mkdtempSync(join(tmpdir(), "molecule-ctk-alpine-"));
  try {
    mkdirSync(join(root, "rootfs", "bin"), { recursive: true });
    mkdirSync(join(root, "rootfs", "tmp"));
    const copied = spawnSync("cp", [busybox, join(root, "rootfs", "bin", "busybox")]);
    if (copied.status !== 0) throw new Error(`[harness] could not copy ${busybox}: ${copied.stderr}`);
    for (const applet of APPLETS) symlinkSync("busybox", join(root, "rootfs", "bin", applet));
    const tar = join(root, "rootfs.tar");
    const packed = spawnSync("tar", ["-C", join(root, "rootfs"), "-cf", tar, "."]);
    if (packed.status !== 0) throw new Error(`[harness] could not pack the stand-in: ${packed.stderr}`);
    const imported = docker(
      "import",
      "--change",
      `LABEL ${STAND_IN_LABEL}`,
      "--change",
      "ENV PATH=/bin",
      tar,
      STAND_IN_IMAGE,
    );
    if (!imported.ok)
      throw new Error(`[harness] docker import of the ${STAND_IN_IMAGE} stand-in failed: ${imported.err}`);
    return true;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Removes the stand-in, only if it still is the one this run made (its label says so). */
export function removeStandInAlpine(): void {
  const label = docker(
    "image",
    "inspect",
    "--format",
    '{{index .Config.Labels "molecule-ctk.harness"}}',
    STAND_IN_IMAGE,
  );
  if (label.ok && label.out === "stand-in") docker("rmi", STAND_IN_IMAGE);
}

/** What a run may have created: its label on the mock platform's resources, the harness's workspaces, the tags. */
export interface RunResources {
  label: string;
  workspaceIds: ReadonlyArray<string>;
  images: ReadonlyArray<string>;
}

/**
 * Lists what is left of a run, removing each leftover (all of it is this run's: found by its label,
 * or by the exact names of its own workspaces and tags). Resolves one "kind name" per leftover.
 */
export function removeLeftovers({ label, workspaceIds, images }: RunResources): string[] {
  const left: string[] = [];
  const remove = (kind: string, name: string, ...rm: string[]) => {
    left.push(`${kind} ${name}`);
    docker(...rm, name);
  };
  for (const id of lines(docker("ps", "-aq", "--filter", `label=${label}`).out))
    remove("container", id, "rm", "-f");
  for (const id of workspaceIds) {
    if (docker("container", "inspect", `ws-${id}`).ok) remove("container", `ws-${id}`, "rm", "-f");
  }
  for (const name of lines(docker("volume", "ls", "-q", "--filter", `label=${label}`).out))
    remove("volume", name, "volume", "rm", "-f");
  for (const id of workspaceIds) {
    for (const suffix of ["configs", "workspace", "claude-sessions"]) {
      const name = `ws-${id}-${suffix}`;
      if (docker("volume", "inspect", name).ok) remove("volume", name, "volume", "rm", "-f");
    }
  }
  for (const id of lines(docker("network", "ls", "-q", "--filter", `label=${label}`).out))
    remove("network", id, "network", "rm");
  for (const image of images) if (imageExists(image)) remove("image", image, "rmi");
  return left;
}

function lines(text: string): string[] {
  return text.split("\n").filter(Boolean);
}

/** Bad input or a missing tool: the script prints the message and exits 2. */
export class UsageError extends Error {}
