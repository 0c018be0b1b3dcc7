// The one line per target every benchmark ends with, in the form a script reads (issue 14):
// `target <name>: <value> <unit> (<ratio>x floor, goal <goal>) ok|MISSED`. `pnpm bench` collects
// these lines from each package's benchmark and repeats them, in this order, at the end.

/** The targets, in the order the summary prints them. */
export const TARGET_NAMES = [
  "lifecycle-1",
  "lifecycle-50",
  "heartbeats",
  "proxy-p99",
  "stub-rss",
  "docker-stop",
] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/** What a target asks: a ratio to the floor at most (or at least) `limit`, or a value at most `limit`. */
export type TargetGoal =
  | { kind: "ratio-at-most"; limit: number }
  | { kind: "ratio-at-least"; limit: number }
  | { kind: "value-at-most"; limit: number };

export interface TargetFigure {
  name: TargetName;
  /** The kit's figure; NaN when it could not be measured. */
  value: number;
  unit: string;
  /** The kit's figure over the floor measured in the same run. */
  ratio: number;
  goal: TargetGoal;
  /** Decimals of the value; default 2. */
  digits?: number;
}

export function goalText(goal: TargetGoal, unit: string): string {
  if (goal.kind === "ratio-at-most") return `<=${goal.limit}x floor`;
  if (goal.kind === "ratio-at-least") return `>=${goal.limit}x floor`;
  return `<=${goal.limit} ${unit}`;
}

export function targetMet(figure: TargetFigure): boolean {
  const { goal, ratio, value } = figure;
  if (!Number.isFinite(value) || !Number.isFinite(ratio)) return false;
  if (goal.kind === "ratio-at-most") return ratio <= goal.limit;
  if (goal.kind === "ratio-at-least") return ratio >= goal.limit;
  return value <= goal.limit;
}

const show = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");

/** `target <name>: <value> <unit> (<ratio>x floor, goal <goal>) ok` or `... MISSED`. */
export function formatTarget(figure: TargetFigure): string {
  const value = show(figure.value, figure.digits ?? 2);
  const ratio = show(figure.ratio, 2);
  const verdict = targetMet(figure) ? "ok" : "MISSED";
  return `target ${figure.name}: ${value} ${figure.unit} (${ratio}x floor, goal ${goalText(figure.goal, figure.unit)}) ${verdict}`;
}

/** The goal of each target (issue 14), so a bench that failed can still print its line. */
export const TARGET_GOALS: Record<TargetName, { goal: TargetGoal; unit: string }> = {
  "lifecycle-1": { goal: { kind: "ratio-at-most", limit: 1.3 }, unit: "s" },
  "lifecycle-50": { goal: { kind: "ratio-at-most", limit: 1.3 }, unit: "s" },
  heartbeats: { goal: { kind: "ratio-at-least", limit: 0.8 }, unit: "/s" },
  "proxy-p99": { goal: { kind: "value-at-most", limit: 2 }, unit: "ms" },
  "stub-rss": { goal: { kind: "ratio-at-most", limit: 1.25 }, unit: "MiB" },
  "docker-stop": { goal: { kind: "ratio-at-most", limit: 1.2 }, unit: "ms" },
};

/** A target line for `name`, its goal taken from {@link TARGET_GOALS}. */
export function target(name: TargetName, value: number, ratio: number, digits?: number): string {
  const { goal, unit } = TARGET_GOALS[name];
  return formatTarget({ name, value, unit, ratio, goal, ...(digits === undefined ? {} : { digits }) });
}
