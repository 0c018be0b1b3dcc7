// `pnpm bench [--quick]`: runs each package's benchmark in turn (mock-platform, stub-runtime, e2e),
// streams their output, and ends with the machine load around the run and one line per target
// (issue 14) in a fixed order: `target <name>: <value> <unit> (<ratio>x floor, goal <goal>) ok|MISSED`.
// A target whose benchmark printed no line (it failed) is reported MISSED with n/a. Wrap it in the
// Docker lock: it starts containers.
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { formatTarget, TARGET_GOALS, TARGET_NAMES, type TargetName } from "./bench-target.js";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: { quick: { type: "boolean", default: false }, help: { type: "boolean", default: false } },
});
if (values.help) {
  console.log(`Usage: pnpm bench [--quick]
  Runs the mock-platform, stub-runtime and e2e benchmarks and ends with one target line each.
  --quick: 1 and 5 workspaces, fewer requests and runs (under two minutes on a quiet machine).`);
  process.exit(0);
}

const BENCHES: Array<{ dir: string; file: string }> = [
  { dir: "packages/mock-platform", file: "bench/mock-platform.bench.ts" },
  { dir: "packages/stub-runtime", file: "bench/stub-runtime.bench.ts" },
  { dir: "packages/e2e", file: "bench/lifecycle.bench.ts" },
];

const lines = new Map<TargetName, string>();
const failures: string[] = [];
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(", ");
const loadBefore = load();
const started = performance.now();

for (const bench of BENCHES) {
  console.log(`\n## ${bench.dir} (${bench.file})\n`);
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=source", bench.file, ...(values.quick ? ["--quick"] : [])],
    { cwd: bench.dir, stdio: ["ignore", "pipe", "inherit"] },
  );
  let pending = "";
  child.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    pending += chunk.toString("utf8");
    const complete = pending.split("\n");
    pending = complete.pop() ?? "";
    for (const line of complete) {
      const name = /^target ([\w-]+): /.exec(line)?.[1] as TargetName | undefined;
      if (name && TARGET_NAMES.includes(name)) lines.set(name, line);
    }
  });
  const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1)));
  if (code !== 0) failures.push(`${bench.dir} exited ${code}`);
}

const minutes = (performance.now() - started) / 60_000;
console.log(
  `\nbench: ${minutes.toFixed(1)} min${values.quick ? " (--quick)" : ""}; load average (1, 5, 15 min) ${loadBefore} before, ${load()} after`,
);
for (const failure of failures) console.log(`bench: ${failure}`);
for (const name of TARGET_NAMES) {
  const { goal, unit } = TARGET_GOALS[name];
  console.log(lines.get(name) ?? formatTarget({ name, value: Number.NaN, unit, ratio: Number.NaN, goal }));
}
process.exitCode = failures.length > 0 ? 1 : 0;
