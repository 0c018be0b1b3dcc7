import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// A second, non-JavaScript validator over the shipped files: Python's jsonschema (Debian's
// python3-jsonschema, which scripts/setup.sh and CI install). Missing, the test fails with the fix;
// MOLECULE_CTK_SKIP_PYTHON_VECTORS=1 skips it on a machine that cannot have it, visibly.
const packageDir = fileURLToPath(new URL("../../", import.meta.url));
const script = join(packageDir, "scripts", "check-vectors.py");
const skip = process.env.MOLECULE_CTK_SKIP_PYTHON_VECTORS === "1";
// One interpreter start and 56 schemas: under a second idle, 4-6 s with both cores busy.
const PYTHON_TIMEOUT_MS = 60_000;

function checkVectors(dir?: string) {
  const run = spawnSync("python3", [script, ...(dir ? [dir] : [])], {
    encoding: "utf8",
    timeout: PYTHON_TIMEOUT_MS,
  });
  return { status: run.status, output: `${run.stdout ?? ""}${run.stderr ?? ""}${run.error?.message ?? ""}` };
}

describe.skipIf(skip)("the vectors under Python's jsonschema", () => {
  const copies: string[] = [];
  afterAll(() => {
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  });

  it(
    "accepts every pass vector and refuses every fail vector of every schema",
    () => {
      const { status, output } = checkVectors();
      if (status === 2 || status === null) {
        throw new Error(
          `[contract] python3 with jsonschema is needed to check the vectors: run scripts/setup.sh or apt-get install python3-jsonschema (or set MOLECULE_CTK_SKIP_PYTHON_VECTORS=1 to skip)\n${output}`,
        );
      }
      expect(output).toMatch(/\d+ schemas, \d+ vectors, 0 mismatches/);
      expect(status, output).toBe(0);
    },
    PYTHON_TIMEOUT_MS,
  );

  it(
    "reports a vector that its schema refuses as a mismatch",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "ctk-vectors-"));
      copies.push(dir);
      cpSync(join(packageDir, "schemas"), join(dir, "schemas"), { recursive: true });
      cpSync(join(packageDir, "vectors"), join(dir, "vectors"), { recursive: true });
      const file = join(dir, "vectors", "register-request.json");
      const vectors = JSON.parse(readFileSync(file, "utf8"));
      vectors.pass.push({ label: "planted: no id", value: { url: "http://localhost:8000", agent_card: {} } });
      writeFileSync(file, JSON.stringify(vectors));
      const { status, output } = checkVectors(dir);
      expect(status, output).toBe(1);
      expect(output).toContain("register-request pass 'planted: no id'");
    },
    PYTHON_TIMEOUT_MS,
  );
});
