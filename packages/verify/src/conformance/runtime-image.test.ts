// verify runtime --image against the kit's stub built as an image under a tag of this test's own:
// clean it passes, with a STUB_DEFECT passed as a workspace secret it is caught, and nothing is left
// on the engine.
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Dockerode from "dockerode";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildKitStubImage, FAST_STUB_ENV } from "../../scripts/kit-stub.js";
import { formatMutantLine, type MutantResult, runRuntimeMutants } from "../../scripts/runtime-mutants.js";
import { runRuntimeCommand } from "../runtime/runtime-command.js";
import { labelledLeft } from "../runtime/subjects/labelled-resources.js";
import { VERIFY_RUN_LABEL } from "../runtime/subjects/runtime-subject.js";
import { captureIo } from "./conformance-test-utils.js";

const docker = inject("dockerAvailable");

describe.skipIf(!docker)(
  `verify runtime --image${docker ? "" : ` (skipped: ${inject("dockerMissingReason")})`}`,
  () => {
    let image: Awaited<ReturnType<typeof buildKitStubImage>>;
    let reportDir: string;
    let cli: { code: number; out: string[] };
    let mutant: MutantResult;

    beforeAll(async () => {
      image = await buildKitStubImage(`molecule-ctk/stub-runtime:verify-${randomBytes(4).toString("hex")}`);
      reportDir = await mkdtemp(join(tmpdir(), "verify-image-report-"));
      const env = Object.entries(FAST_STUB_ENV).flatMap(([key, value]) => ["--env", `${key}=${value}`]);
      const captured = captureIo();
      const [code, [sigterm]] = await Promise.all([
        runRuntimeCommand(
          [
            "--image",
            image.tag,
            "--beat-seconds",
            "1",
            "--boot-seconds",
            "20",
            "--report",
            reportDir,
            ...env,
          ],
          captured.io,
        ),
        runRuntimeMutants({ subject: { image: image.tag }, defects: ["ignore-sigterm"], clean: false }),
      ]);
      cli = { code, out: captured.out };
      mutant = sigterm!;
      console.log(formatMutantLine(mutant));
    }, 600_000);

    afterAll(async () => {
      await image?.remove();
      if (reportDir) await rm(reportDir, { recursive: true, force: true });
    });

    it("passes the clean stub as containers the mock platform provisions, and leaves nothing on the engine", async () => {
      expect(cli.code, cli.out.join("\n")).toBe(0);
      const report = JSON.parse(await readFile(join(reportDir, "report.json"), "utf8"));
      expect(report.runtime).toBe(image.tag);
      expect(await labelledLeft(new Dockerode(), VERIFY_RUN_LABEL, report.run_id)).toEqual([]);
    });

    it("catches a STUB_DEFECT passed to the image as a workspace secret, and leaves nothing either", async () => {
      expect(formatMutantLine(mutant)).toMatch(/^mutant ignore-sigterm: caught by shutdown\.sigterm/);
      expect(mutant.report.checks.find((check) => check.id === "shutdown.sigterm")?.detail).toMatch(
        /still running 5\.0 s after SIGTERM/,
      );
      expect(await labelledLeft(new Dockerode(), VERIFY_RUN_LABEL, mutant.report.run_id)).toEqual([]);
    });
  },
);
