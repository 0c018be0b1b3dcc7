// Runs the official A2A compatibility kit (a2a-tck) against the stub, in both result modes, and prints
// the figures as Markdown for the README. Not part of CI: the kit cannot be installed on a clean
// machine. Usage (from the repository root):
//
//   git clone --mirror https://github.com/a2aproject/a2a-tck /somewhere/a2a-tck.git   # once
//   pnpm --filter @molecule-ctk/stub-runtime tck -- --kit /somewhere/a2a-tck.git
//
// Options: --kit DIR (a clone or bare mirror of a2aproject/a2a-tck; required), --tag T (default
// 0.3.0.beta4), --dev-branch B (default 1.0-dev; "none" skips it), --work DIR (where the kit is
// unpacked and kept; default a temporary folder, removed at the end; never inside this
// repository), --python PATH (default /usr/bin/python3, Debian's interpreter with the packages
// below). Nothing of the kit is written into the repository.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { PACKAGE_DIR, startSinkPlatform, startStubProcess } from "./stub-host-process.js";

const repoRoot = resolve(PACKAGE_DIR, "../..");

/** What the 0.3.0.beta4 kit needs, as Debian 12 packages it (module → package). */
const DEBIAN_MODULES: Record<string, string> = {
  pytest: "python3-pytest",
  pytest_asyncio: "python3-pytest-asyncio",
  httpx: "python3-httpx",
  requests: "python3-requests",
  responses: "python3-responses",
  dotenv: "python3-dotenv",
  grpc: "python3-grpcio",
  "google.protobuf": "python3-protobuf",
  OpenSSL: "python3-openssl",
  jsonschema: "python3-jsonschema",
  packaging: "python3-packaging",
  yaml: "python3-yaml",
};

interface Args {
  kit: string;
  tag: string;
  devBranch: string;
  work: string;
  /** Whether `work` is a temporary folder of this run, removed at its end. */
  temporary: boolean;
  python: string;
}

interface Outcome {
  counts: Record<string, number>;
  problems: string[];
  /** The first line that says why pytest stopped, when it did not run the tests. */
  stopped: string | undefined;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string, fallback?: string) => {
    const at = argv.indexOf(`--${name}`);
    const found = at >= 0 ? argv[at + 1] : undefined;
    if (found === undefined && fallback === undefined) {
      console.error(`--${name} is required: see the comment at the top of scripts/run-a2a-tck.ts`);
      process.exit(2);
    }
    return found ?? (fallback as string);
  };
  const temporary = !argv.includes("--work");
  const work = resolve(temporary ? mkdtempSync(join(tmpdir(), "molecule-ctk-a2a-tck-")) : value("work"));
  if (!relative(repoRoot, work).startsWith("..")) {
    console.error(`--work ${work} is inside the repository: unpack the kit elsewhere`);
    process.exit(2);
  }
  return {
    kit: resolve(value("kit")),
    tag: value("tag", "0.3.0.beta4"),
    devBranch: value("dev-branch", "1.0-dev"),
    work,
    temporary,
    python: value("python", "/usr/bin/python3"),
  };
}

function missingModules(python: string, modules: string[]): string[] {
  const probe = `import importlib,sys\nfor m in sys.argv[1:]:\n  try: importlib.import_module(m)\n  except Exception: print(m)`;
  const out = execFileSync(python, ["-c", probe, ...modules], { encoding: "utf8" });
  return out.split("\n").filter(Boolean);
}

/** Unpacks one ref of the kit into `dir` (git archive: no history, nothing of ours touched). */
function unpack(kit: string, ref: string, dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = execFileSync("git", ["-C", kit, "archive", ref], { maxBuffer: 512 * 1024 * 1024 });
  execFileSync("tar", ["-x", "-C", dir], { input: archive });
}

/** Runs a command in the kit's folder and reads pytest's summary: counts and the failing tests. */
function runPytest(command: string, args: string[], cwd: string): Promise<Outcome> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on("close", () => {
      const lines = out.split("\n");
      const summary = [...lines].reverse().find((line) => / in [\d.]+s/.test(line)) ?? "";
      const counts: Record<string, number> = {};
      for (const [, n, what] of summary.matchAll(/(\d+) (passed|failed|skipped|error|xfailed|xpassed)/g)) {
        counts[what as string] = Number(n);
      }
      const problems = lines
        .filter((line) => /^(FAILED|ERROR) tests\//.test(line))
        .map((line) => line.split(" - ")[0] ?? line);
      const stopped = lines.find((line) => /^(ERROR: |E\s+\w*Error)/.test(line))?.replace(/^E\s+/, "");
      done({ counts, problems, stopped });
    });
  });
}

function figures(outcome: Outcome): string {
  const c = outcome.counts;
  return `${c["passed"] ?? 0} passed, ${c["failed"] ?? 0} failed, ${c["error"] ?? 0} errors, ${c["skipped"] ?? 0} skipped${c["xfailed"] ? `, ${c["xfailed"]} xfailed` : ""}`;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const missing = missingModules(args.python, Object.keys(DEBIAN_MODULES));
  if (missing.length > 0) {
    const packages = missing.map((module) => DEBIAN_MODULES[module]).join(" ");
    console.error(
      `${args.python} lacks ${missing.join(", ")}: apt-get install -y --no-install-recommends ${packages}`,
    );
    process.exit(1);
  }
  const kitDir = join(args.work, `a2a-tck-${args.tag}`);
  unpack(args.kit, args.tag, kitDir);
  console.log(`a2a-tck ${args.tag} unpacked in ${kitDir}${args.temporary ? " (removed at the end)" : ""}`);

  const platform = await startSinkPlatform();
  const rows: string[] = [];
  const failures: string[] = [];
  try {
    for (const result of ["task", "message"] as const) {
      const stub = await startStubProcess(platform.url, { STUB_RESULT: result });
      try {
        const mandatory = await runPytest(
          args.python,
          ["run_tck.py", "--sut-url", stub.url, "--category", "mandatory"],
          kitDir,
        );
        const capabilities = await runPytest(
          args.python,
          [
            "-m",
            "pytest",
            "tests/optional/capabilities/",
            `--sut-url=${stub.url}`,
            "--test-scope=all",
            "--tb=short",
            "-q",
            "-p",
            "no:cacheprovider",
          ],
          kitDir,
        );
        rows.push(`| \`STUB_RESULT=${result}\` | ${figures(mandatory)} | ${figures(capabilities)} |`);
        for (const problem of [...mandatory.problems, ...capabilities.problems])
          failures.push(`${result}: ${problem}`);
      } finally {
        await stub.stop();
      }
    }
    if (args.devBranch !== "none") rows.push(await tryDevBranch(args, platform.url));
  } finally {
    platform.server.close();
    if (args.temporary) rmSync(args.work, { recursive: true, force: true });
  }

  console.log(`\n### a2a-tck against the stub (${new Date().toISOString().slice(0, 10)})\n`);
  console.log("| stub | mandatory (`run_tck.py --category mandatory`) | `tests/optional/capabilities/` |");
  console.log("| --- | --- | --- |");
  for (const row of rows) console.log(row);
  if (failures.length > 0) console.log(`\nFailed or errored:\n${failures.map((f) => `- ${f}`).join("\n")}`);
}

/** The 1.0 line of the kit, JSON-RPC only, against a task-mode stub: what it reports, or what stops it. */
async function tryDevBranch(args: Args, platformUrl: string): Promise<string> {
  const devDir = join(args.work, `a2a-tck-${args.devBranch}`);
  unpack(args.kit, args.devBranch, devDir);
  const wanted = ["pytest_html", "gherkin", "google.rpc", "jinja2"];
  const missing = missingModules(args.python, wanted);
  const versions = execFileSync(
    args.python,
    [
      "-c",
      "import pytest,httpx,google.protobuf as p;print(f'pytest {pytest.__version__}, httpx {httpx.__version__}, protobuf {p.__version__}')",
    ],
    { encoding: "utf8" },
  ).trim();
  const pyproject = readFileSync(join(devDir, "pyproject.toml"), "utf8");
  const needs = [...pyproject.matchAll(/"(pytest|httpx)>=([\d.]+)"/g)].map(([, n, v]) => `${n} >= ${v}`);
  const generated = readFileSync(join(devDir, "specification/generated/a2a_pb2.py"), "utf8");
  const protobuf = /Protobuf Python Version: ([\d.]+)/.exec(generated)?.[1];
  if (protobuf) needs.push(`the protobuf runtime its a2a_pb2.py was generated for (${protobuf})`);
  // No machine paths in what goes to the README.
  const clean = (line: string | undefined) =>
    line
      ?.replaceAll(`${devDir}/`, "")
      .replace(/ \(\/[^)]*\)/g, "")
      .replace(/^ERROR: /, "");
  const stub = await startStubProcess(platformUrl, { STUB_RESULT: "task" });
  try {
    const official = await runPytest(
      args.python,
      ["run_tck.py", "--sut-host", stub.url, "--transport", "jsonrpc"],
      devDir,
    );
    // Past the pytest version check (no ini file), to see what stops it next.
    const bare = await runPytest(
      args.python,
      [
        "-m",
        "pytest",
        "-c",
        "/dev/null",
        `--rootdir=${devDir}`,
        "tests/compatibility/",
        `--sut-host=${stub.url}`,
        "--transport=jsonrpc",
        "-q",
        "-p",
        "no:cacheprovider",
      ],
      devDir,
    );
    const ran = official.counts["passed"] !== undefined || official.counts["failed"] !== undefined;
    const result = ran
      ? figures(official)
      : `does not run: run_tck.py stops with \`${clean(official.stopped) ?? "no summary"}\`; past that check (no ini file) pytest stops with \`${clean(bare.stopped) ?? figures(bare)}\``;
    const lacks = missing.length ? `; not installed: ${missing.join(", ")}` : "";
    return `| a2a-tck ${args.devBranch}, JSON-RPC, \`STUB_RESULT=task\` | ${result}. It needs ${needs.join(", ")}; Debian 12 has ${versions}${lacks} | – |`;
  } finally {
    await stub.stop();
  }
}

await main();
