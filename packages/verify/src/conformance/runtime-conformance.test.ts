// verify runtime against real runtimes run as host commands, each run as users run it (the CLI and
// `pnpm mutants runtime` as child processes): the kit's stub clean, with reports; the stub with every
// STUB_DEFECT, each caught; the reference Python stub, failing exactly its known deviations.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleKitStub, FAST_STUB_ENV } from "../../scripts/kit-stub.js";
import { MUTANT_CATCHERS } from "../../scripts/runtime-mutants.js";
import { RUNTIME_CHECKS } from "../runtime/checks/runtime-checks.js";
import { type KitRun, leftConfigDirs, processesRunning, runKit } from "./conformance-test-utils.js";

const REFERENCE = fileURLToPath(new URL("../../../../reference/stub_runtime_seed.py", import.meta.url));
const CLI = "packages/cli/src/main.ts";
const DEFECTS = Object.keys(MUTANT_CATCHERS);

let stub: Awaited<ReturnType<typeof bundleKitStub>>;
let dir: string;
let clean: KitRun;
let mutants: KitRun;
let reference: KitRun;

beforeAll(async () => {
  stub = await bundleKitStub();
  dir = await mkdtemp(join(tmpdir(), "verify-conformance-"));
  const env = Object.entries(FAST_STUB_ENV).flatMap(([key, value]) => ["--env", `${key}=${value}`]);
  // The three at once: they mostly wait on beats, and a loaded machine is what the margins are for.
  [clean, mutants, reference] = await Promise.all([
    runKit(
      CLI,
      ["verify", "runtime", "--command", stub.command, "--beat-seconds", "1", "--boot-seconds", "10"].concat([
        "--report",
        join(dir, "clean"),
        ...env,
      ]),
      300_000,
    ),
    runKit("scripts/mutants.ts", ["runtime", "--concurrency", "4"], 600_000),
    runKit(
      CLI,
      [
        "verify",
        "runtime",
        "--command",
        `python3 ${JSON.stringify(REFERENCE)}`,
        "--beat-seconds",
        "5",
      ].concat(["--level", "should", "--report", join(dir, "reference")]),
      300_000,
    ),
  ]);
  console.log(
    `${mutants.stdout.trim()}\n(clean ${clean.seconds.toFixed(0)} s, mutants ${mutants.seconds.toFixed(0)} s, reference ${reference.seconds.toFixed(0)} s, at once)`,
  );
}, 660_000);

afterAll(async () => {
  await stub?.remove();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const report = async (name: string) => JSON.parse(await readFile(join(dir, name, "report.json"), "utf8"));

describe("verify runtime --command", () => {
  it("passes the clean stub, exits 0 and writes report.json, junit.xml and report.md", async () => {
    expect(clean.code, `${clean.stdout}\n${clean.stderr}`).toBe(0);
    const must = RUNTIME_CHECKS.filter((check) => check.level === "MUST").length;
    expect(clean.stdout).toContain(`conforms at MUST: ${must} passed, 0 failed, 0 skipped`);
    const json = await report("clean");
    expect(json).toMatchObject({ kind: "runtime", runtime: stub.command, started_at: expect.any(String) });
    expect(json.checks).toHaveLength(RUNTIME_CHECKS.length);
    for (const check of json.checks) {
      expect(Object.keys(check).sort()).toEqual(["detail", "id", "level", "ms", "section", "status"]);
      expect(check.status, check.id).toBe("pass");
    }
    expect(await readFile(join(dir, "clean", "junit.xml"), "utf8")).toContain(
      `tests="${RUNTIME_CHECKS.length}" failures="0"`,
    );
    expect(await readFile(join(dir, "clean", "report.md"), "utf8")).toContain("conforms at level MUST");
    expect(leftConfigDirs(json.run_id)).toEqual([]);
  });

  it("leaves no runtime process behind", () => {
    expect(processesRunning(stub.command.split(" ").at(-1)!.replaceAll('"', ""))).toEqual([]);
    expect(processesRunning(REFERENCE)).toEqual([]);
  });
});

describe("pnpm mutants runtime", () => {
  const lines = () => mutants.stdout.trim().split("\n");

  it("passes every check of the clean stub at level SHOULD", () => {
    expect(lines()[0], mutants.stderr).toMatch(/^clean stub: every check passed/);
  });

  it("catches every STUB_DEFECT with the check that names it, and exits 0", () => {
    for (const defect of DEFECTS) {
      const line = lines().find((text) => text.startsWith(`mutant ${defect}:`));
      expect(line, defect).toMatch(
        new RegExp(
          `^mutant ${defect}: caught by ${MUTANT_CATCHERS[defect as keyof typeof MUTANT_CATCHERS]}\\b`,
        ),
      );
    }
    expect(lines().at(-1)).toBe(`runtime mutants: ${DEFECTS.length}/${DEFECTS.length} caught`);
    expect(mutants.code).toBe(0);
  });

  it("sees every check fail for at least one mutant: none is a check nothing can fail", () => {
    const failed = new Set<string>();
    for (const line of lines()) {
      const caught = /^mutant \S+: caught by (\S+)(?: \(also ([^)]*)\))?/.exec(line);
      if (!caught) continue;
      failed.add(caught[1]!);
      for (const id of caught[2]?.split(", ") ?? []) failed.add(id);
    }
    expect(RUNTIME_CHECKS.map((check) => check.id).filter((id) => !failed.has(id))).toEqual([]);
  });
});

describe("verify runtime against the reference Python stub", () => {
  it("fails exactly its known deviations, all SHOULD, and passes every other check", async () => {
    expect(reference.code, reference.stderr).toBe(1);
    const json = await report("reference");
    const failed = json.checks.filter((check: { status: string }) => check.status === "fail");
    expect(failed.map((check: { id: string }) => check.id).sort()).toEqual([
      "a2a.agent-card",
      "jsonrpc.invalid-params",
      "jsonrpc.invalid-request",
      "jsonrpc.parse-error",
    ]);
    expect(failed.every((check: { level: string }) => check.level === "SHOULD")).toBe(true);
    expect(json.checks.filter((check: { status: string }) => check.status === "skip")).toEqual([]);
    expect(json.checks.find((check: { id: string }) => check.id === "jsonrpc.parse-error").detail).toMatch(
      /was answered 200 .*"result"/,
    );
    expect(leftConfigDirs(json.run_id)).toEqual([]);
  });
});
