// The repository names no path of a build machine: no workspace checkout, no session's temp files.
// It lives here because the contract package owns the repository's docs (docs/contract.md).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
// Written in pieces so that this file does not match itself.
const MACHINE_PATH = ["/wor" + "k/", "/tm" + "p/[A-Za-z0-9._-]", "/Use" + "rs/", "/var/fol" + "ders/"].join(
  "|",
);

function gitGrep(pattern: string): { status: number | null; stdout: string } {
  const result = spawnSync(
    "git",
    ["grep", "--untracked", "-I", "-n", "-E", pattern, "--", ".", ":!pnpm-lock.yaml"],
    { cwd: REPO_ROOT, encoding: "utf8" },
  );
  return { status: result.status, stdout: result.stdout };
}

describe("the repository", () => {
  it("contains no absolute path of a machine", () => {
    const { status, stdout } = gitGrep(MACHINE_PATH);
    expect(stdout.split("\n").filter(Boolean)).toEqual([]);
    expect(status).toBe(1); // git grep: 1 = searched, nothing found
  });

  it("searches the tree with a pattern that catches such paths", () => {
    const pattern = new RegExp(MACHINE_PATH);
    for (const path of ["/wor" + "k/wt/x", "/tm" + "p/run.log", "/Use" + "rs/me/x"])
      expect(pattern.test(path)).toBe(true);
    for (const path of ["/configs/.auth_token", "tmpfs `/tmp` 64m", "/home/node"])
      expect(pattern.test(path)).toBe(false);
    expect(gitGrep("machine-paths[.]test").stdout).toContain("machine-paths.test.ts");
  });
});
