// verify runtime against real runtimes run as host commands: the kit's stub clean (through the CLI,
// with reports), the stub with every STUB_DEFECT (each must be caught), and the reference stub.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleKitStub, FAST_STUB_ENV } from "../../scripts/kit-stub.js";
import {
  formatMutantLine,
  formatMutantSummary,
  MUTANT_CATCHERS,
  type MutantResult,
  runRuntimeMutants,
} from "../../scripts/runtime-mutants.js";
import { RUNTIME_CHECKS } from "../runtime/checks/runtime-checks.js";
import { runRuntimeCommand } from "../runtime/runtime-command.js";
import { type RuntimeVerifyReport, verifyRuntime } from "../runtime/verify-runtime.js";
import { captureIo, leftConfigDirs, processesRunning } from "./conformance-test-utils.js";

const REFERENCE = fileURLToPath(new URL("../../../../reference/stub_runtime_seed.py", import.meta.url));

let stub: Awaited<ReturnType<typeof bundleKitStub>>;
let reportDir: string;
let cli: { code: number; out: string[]; err: string[] };
let mutants: MutantResult[];
let reference: RuntimeVerifyReport;
let startedAt: number;
const seconds = () => ((performance.now() - startedAt) / 1000).toFixed(0);

beforeAll(async () => {
  startedAt = performance.now();
  stub = await bundleKitStub();
  reportDir = await mkdtemp(join(tmpdir(), "verify-conformance-report-"));
  const env = Object.entries(FAST_STUB_ENV).flatMap(([key, value]) => ["--env", `${key}=${value}`]);
  const captured = captureIo();
  // The three at once: they mostly wait on beats, and a loaded machine is what the margins are for.
  const [code, matrix, ref] = await Promise.all([
    runRuntimeCommand(
      [
        "--command",
        stub.command,
        "--beat-seconds",
        "1",
        "--boot-seconds",
        "10",
        "--report",
        join(reportDir, "r"),
        ...env,
      ],
      captured.io,
    ),
    runRuntimeMutants({ subject: { command: stub.command }, concurrency: 4 }),
    verifyRuntime({
      subject: { command: `python3 ${JSON.stringify(REFERENCE)}` },
      beatSeconds: 5,
      level: "SHOULD",
    }),
  ]);
  cli = { code, out: captured.out, err: captured.err };
  mutants = matrix;
  reference = ref;
  console.log(
    [
      ...mutants.map(formatMutantLine),
      formatMutantSummary(mutants),
      `(conformance runs took ${seconds()} s)`,
    ].join("\n"),
  );
}, 1_200_000);

afterAll(async () => {
  await stub?.remove();
  if (reportDir) await rm(reportDir, { recursive: true, force: true });
});

describe("verify runtime --command", () => {
  it("passes the clean stub, exits 0 and writes report.json, junit.xml and report.md", async () => {
    expect(cli.code, cli.out.join("\n")).toBe(0);
    expect(cli.out.join("\n")).toMatch(/conforms at MUST: 29 passed, 0 failed, 0 skipped/);
    const report = JSON.parse(await readFile(join(reportDir, "r", "report.json"), "utf8"));
    expect(report).toMatchObject({ kind: "runtime", runtime: stub.command, started_at: expect.any(String) });
    expect(report.checks).toHaveLength(RUNTIME_CHECKS.length);
    for (const check of report.checks) {
      expect(Object.keys(check).sort()).toEqual(["detail", "id", "level", "ms", "section", "status"]);
    }
    expect(await readFile(join(reportDir, "r", "junit.xml"), "utf8")).toContain(
      `tests="${RUNTIME_CHECKS.length}" failures="0"`,
    );
    expect(await readFile(join(reportDir, "r", "report.md"), "utf8")).toContain("conforms at level MUST");
    expect(leftConfigDirs(report.run_id)).toEqual([]);
  });

  it("leaves no runtime process behind", () => {
    expect(processesRunning(stub.command.split(" ").at(-1)!.replaceAll('"', ""))).toEqual([]);
  });

  it("passes every check of the clean stub at level SHOULD", () => {
    const clean = mutants.find((result) => result.defect === undefined)!;
    expect(formatMutantLine(clean)).toMatch(/^clean stub: every check passed/);
  });

  it("catches every STUB_DEFECT with the check that names it", () => {
    const missed = mutants
      .filter((result) => result.defect !== undefined && !result.ok)
      .map(formatMutantLine);
    expect(missed).toEqual([]);
    expect(formatMutantSummary(mutants)).toBe(
      `runtime mutants: ${Object.keys(MUTANT_CATCHERS).length}/${Object.keys(MUTANT_CATCHERS).length} caught`,
    );
  });

  it("sees every check fail for at least one mutant: none is a check nothing can fail", () => {
    const failedSomewhere = new Set(mutants.flatMap((result) => (result.defect ? result.failed : [])));
    expect(RUNTIME_CHECKS.map((check) => check.id).filter((id) => !failedSomewhere.has(id))).toEqual([]);
  });

  it("fails the reference Python stub on exactly its known deviations, and passes the rest", () => {
    const failed = reference.checks.filter((check) => check.status === "fail").map((check) => check.id);
    expect(failed.sort()).toEqual([
      "a2a.agent-card",
      "jsonrpc.invalid-params",
      "jsonrpc.invalid-request",
      "jsonrpc.parse-error",
    ]);
    expect(reference.checks.filter((check) => check.status === "skip")).toEqual([]);
    expect(reference.checks.find((check) => check.id === "jsonrpc.parse-error")?.detail).toMatch(
      /was answered 200 .*"result"/,
    );
  });
});
