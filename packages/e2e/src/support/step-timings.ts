import { appendFileSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { inject } from "vitest";

/** The steps the timing table reports, in order (issue: create, provision→online, restart→online, A2A, teardown). */
export const STEPS = [
  "create",
  "provision → online",
  "restart → online",
  "A2A round trip",
  "teardown",
] as const;
export type Step = (typeof STEPS)[number];

/** Where the workers of one run append their timings and its global teardown reads them: one file per run. */
export function timingsFile(runId: string): string {
  return join(tmpdir(), `molecule-ctk-${runId}-timings.jsonl`);
}

/** Scenario of a step when none is named: one workspace at a time. */
export const ONE_AT_A_TIME = "one at a time";

/** Records one step's duration (appended as a JSON line, so every worker can write). */
export function recordStep(step: Step, ms: number, scenario: string, file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify({ step, ms, scenario })}\n`);
}

/** Times `fn` and records it under `step` (and `scenario`, e.g. "20 in parallel") in this run's file. */
export async function timed<T>(step: Step, fn: () => Promise<T>, scenario = ONE_AT_A_TIME): Promise<T> {
  const started = performance.now();
  const result = await fn();
  recordStep(step, performance.now() - started, scenario, timingsFile(inject("runId")));
  return result;
}

/** Empties a timings file (at the start of a run, and once its table is printed). */
export function resetTimings(file: string): void {
  rmSync(file, { force: true });
}

/** Samples of one step in one scenario. */
export type TimingKey = `${string} | ${Step}`;

/** The recorded samples, by scenario and step (`"<scenario> | <step>"`). */
export function readTimings(file: string): Map<TimingKey, number[]> {
  const samples = new Map<TimingKey, number[]>();
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return samples;
  }
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const {
      step,
      ms,
      scenario = ONE_AT_A_TIME,
    } = JSON.parse(line) as { step: Step; ms: number; scenario?: string };
    const key: TimingKey = `${scenario} | ${step}`;
    samples.set(key, [...(samples.get(key) ?? []), ms]);
  }
  return samples;
}

/** A fixed-width table: scenario, step (in lifecycle order), samples, median, p90, max (ms). */
export function formatTimingTable(samples: Map<TimingKey, number[]>): string {
  const header = ["scenario", "step", "n", "median ms", "p90 ms", "max ms"];
  const scenarios = [...new Set([...samples.keys()].map((key) => key.split(" | ")[0] ?? ""))].sort((a, b) =>
    a === ONE_AT_A_TIME ? -1 : b === ONE_AT_A_TIME ? 1 : a.localeCompare(b),
  );
  const rows = scenarios.flatMap((scenario) =>
    STEPS.filter((step) => samples.has(`${scenario} | ${step}`)).map((step) => {
      const values = [...(samples.get(`${scenario} | ${step}`) ?? [])].sort((a, b) => a - b);
      const at = (q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
      const stats = [at(0.5), at(0.9), values.at(-1) ?? 0].map((ms) => ms.toFixed(0));
      return [scenario, step, String(values.length), ...stats];
    }),
  );
  if (rows.length === 0) return "(no lifecycle timings recorded)";
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
