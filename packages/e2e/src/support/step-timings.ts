import { appendFileSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "@molecule-ctk/image-builder";

/** The steps the timing table reports, in order (issue: create, provision→online, restart→online, A2A, teardown). */
export const STEPS = [
  "create",
  "provision → online",
  "restart → online",
  "A2A round trip",
  "teardown",
] as const;
export type Step = (typeof STEPS)[number];

/** Where workers append their timings; the global teardown reads it. */
export const TIMINGS_FILE = join(REPO_ROOT, "reports", "e2e-timings.jsonl");

/** Records one step's duration (appended as a JSON line, so every worker can write). */
export function recordStep(step: Step, ms: number, file = TIMINGS_FILE): void {
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify({ step, ms })}\n`);
}

/** Times `fn` and records it under `step`. */
export async function timed<T>(step: Step, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await fn();
  recordStep(step, performance.now() - started);
  return result;
}

/** Empties the timings file at the start of a run. */
export function resetTimings(file = TIMINGS_FILE): void {
  rmSync(file, { force: true });
}

/** The recorded samples, by step. */
export function readTimings(file = TIMINGS_FILE): Map<Step, number[]> {
  const samples = new Map<Step, number[]>();
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return samples;
  }
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const { step, ms } = JSON.parse(line) as { step: Step; ms: number };
    samples.set(step, [...(samples.get(step) ?? []), ms]);
  }
  return samples;
}

/** A fixed-width table: step, samples, median, p90, max (ms). */
export function formatTimingTable(samples: Map<Step, number[]>): string {
  const header = ["step", "n", "median ms", "p90 ms", "max ms"];
  const rows = STEPS.filter((step) => samples.has(step)).map((step) => {
    const values = [...(samples.get(step) ?? [])].sort((a, b) => a - b);
    const at = (q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
    return [
      step,
      String(values.length),
      at(0.5).toFixed(0),
      at(0.9).toFixed(0),
      (values.at(-1) ?? 0).toFixed(0),
    ];
  });
  if (rows.length === 0) return "(no lifecycle timings recorded)";
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
