// `pnpm soak --runs N [--concurrent K] [--full]`: runs the lifecycle suite (or, with --full, the
// README's whole test command) N times, K at once on one Docker engine, each run under its own run
// label, and ends with `soak: N runs, F failed` and the first line of each failure. Every run's output
// is kept in reports/soak/run-<i>.log.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs, stripVTControlCharacters } from "node:util";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "10" },
    concurrent: { type: "string", default: "1" },
    full: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(`Usage: pnpm soak --runs N [--concurrent K] [--full]
  Runs \`pnpm lifecycle\` (with --full: \`pnpm test\`, the README's test command) N times, K at once,
  and prints "soak: N runs, F failed" with the first line of each failure. Logs: reports/soak/.`);
  process.exit(0);
}
const runs = positiveInt("--runs", values.runs);
const concurrent = Math.min(positiveInt("--concurrent", values.concurrent), runs);
const script = values.full ? "test" : "lifecycle";
const dir = join("reports", "soak");
mkdirSync(dir, { recursive: true });

interface Outcome {
  index: number;
  ok: boolean;
  seconds: number;
  firstFailure: string;
}

const outcomes: Outcome[] = [];
let next = 1;
console.log(`soak: ${runs} run(s) of \`pnpm ${script}\`, ${concurrent} at once; logs in ${dir}/`);
await Promise.all(
  Array.from({ length: concurrent }, async () => {
    while (next <= runs) {
      const outcome = await runOnce(next++);
      outcomes.push(outcome);
      console.log(
        `soak: run ${outcome.index}/${runs} ${outcome.ok ? "passed" : "FAILED"} in ${outcome.seconds.toFixed(0)} s` +
          (outcome.ok ? "" : `: ${outcome.firstFailure}`),
      );
    }
  }),
);
const failed = outcomes.filter((outcome) => !outcome.ok).sort((a, b) => a.index - b.index);
console.log(`soak: ${runs} runs, ${failed.length} failed`);
for (const outcome of failed) console.log(`  run ${outcome.index}: ${outcome.firstFailure}`);
process.exitCode = failed.length > 0 ? 1 : 0;

function runOnce(index: number): Promise<Outcome> {
  const started = performance.now();
  const log = createWriteStream(join(dir, `run-${index}.log`));
  // Each run keeps its own JUnit report: concurrent runs must not write one file.
  const junit = join(dir, `run-${index}.xml`);
  const reportArgs = script === "lifecycle" ? ["--junit", junit] : [`--outputFile.junit=${junit}`];
  const child = spawn("pnpm", [script, ...reportArgs], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    output += chunk.toString();
    if (output.length > 4_000_000) output = output.slice(-2_000_000); // bounded: only the failures matter
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  return new Promise((resolve) => {
    child.on("close", (code) => {
      log.end();
      resolve({
        index,
        ok: code === 0,
        seconds: (performance.now() - started) / 1000,
        firstFailure: code === 0 ? "" : firstFailureLine(output, code),
      });
    });
  });
}

/** The line that says what failed first: a failed test, an error, else the last line printed. */
function firstFailureLine(output: string, code: number | null): string {
  const lines = stripVTControlCharacters(output)
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const failing =
    lines.find((line) => /^(FAIL|×|✗)\s/.test(line)) ??
    lines.find((line) => /\b(AssertionError|Error):/.test(line)) ??
    lines.at(-1) ??
    "";
  return `${failing.slice(0, 300)} (exit ${code})`;
}

function positiveInt(flag: string, value: string | undefined): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    console.error(`soak: ${flag} must be a positive integer, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return parsed;
}
