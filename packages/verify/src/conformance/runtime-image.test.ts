// verify runtime --image against the kit's stub built as an image under a tag of this test's own,
// run through the CLI as users run it: clean it passes, with a STUB_DEFECT passed as a workspace
// secret it is caught, and nothing is left on the engine.
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Dockerode from "dockerode";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildKitStubImage, FAST_STUB_ENV } from "../../scripts/kit-stub.js";
import { RUNTIME_CHECKS } from "../runtime/checks/runtime-checks.js";
import { labelledLeft } from "../runtime/subjects/labelled-resources.js";
import { VERIFY_RUN_LABEL } from "../runtime/subjects/runtime-subject.js";
import { type KitRun, runKit } from "./conformance-test-utils.js";

const docker = inject("dockerAvailable");
const CLI = "packages/cli/src/main.ts";

describe.skipIf(!docker)(
  `verify runtime --image${docker ? "" : ` (skipped: ${inject("dockerMissingReason")})`}`,
  () => {
    let image: Awaited<ReturnType<typeof buildKitStubImage>>;
    let dir: string;
    let clean: KitRun;
    let mutant: KitRun;

    beforeAll(async () => {
      image = await buildKitStubImage(`molecule-ctk/stub-runtime:verify-${randomBytes(4).toString("hex")}`);
      dir = await mkdtemp(join(tmpdir(), "verify-image-"));
      const env = Object.entries(FAST_STUB_ENV).flatMap(([key, value]) => ["--env", `${key}=${value}`]);
      const args = ["verify", "runtime", "--image", image.tag, "--beat-seconds", "1", "--boot-seconds", "20"];
      [clean, mutant] = await Promise.all([
        runKit(CLI, [...args, "--report", join(dir, "clean"), ...env], 480_000),
        runKit(
          CLI,
          [...args, "--level", "should", "--report", join(dir, "mutant"), ...env].concat([
            "--env",
            "STUB_DEFECT=ignore-sigterm",
          ]),
          480_000,
        ),
      ]);
      console.log(
        `(clean ${clean.seconds.toFixed(0)} s, ignore-sigterm ${mutant.seconds.toFixed(0)} s, at once)`,
      );
    }, 600_000);

    afterAll(async () => {
      await image?.remove();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    const report = async (name: string) => JSON.parse(await readFile(join(dir, name, "report.json"), "utf8"));

    it("passes the clean stub as containers the mock platform provisions, and leaves nothing on the engine", async () => {
      expect(clean.code, `${clean.stdout}\n${clean.stderr}`).toBe(0);
      const json = await report("clean");
      expect(json.runtime).toBe(image.tag);
      expect(json.checks.filter((check: { status: string }) => check.status !== "pass")).toEqual([]);
      expect(json.checks).toHaveLength(RUNTIME_CHECKS.length);
      expect(await labelledLeft(new Dockerode(), VERIFY_RUN_LABEL, json.run_id)).toEqual([]);
    });

    it("catches a STUB_DEFECT passed to the image as a workspace secret, and leaves nothing either", async () => {
      expect(mutant.code, mutant.stderr).toBe(1);
      const json = await report("mutant");
      const failed = json.checks.filter((check: { status: string }) => check.status === "fail");
      expect(failed.map((check: { id: string }) => check.id)).toEqual(["shutdown.sigterm"]);
      expect(failed[0].detail).toMatch(/still running 5\.0 s after SIGTERM/);
      expect(await labelledLeft(new Dockerode(), VERIFY_RUN_LABEL, json.run_id)).toEqual([]);
    });
  },
);
