import type { z } from "zod";

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

/** Renders an issue path as `params.message.parts[0].text`; the empty path is `(root)`. */
export function formatIssuePath(path: ReadonlyArray<PathKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(root)" : out;
}

/**
 * Turns a zod failure into one short line naming each bad field:
 * `register request: id is required; delivery_mode: expected "push" | "poll"`.
 */
export function formatZodError(error: z.ZodError, subject?: string): string {
  const parts = flattenIssues(error.issues).map(
    (issue) => `${formatIssuePath(issue.path)}: ${issue.message}`,
  );
  const unique = [...new Set(parts)];
  return subject ? `${subject}: ${unique.join("; ")}` : unique.join("; ");
}

// An invalid union says only "Invalid input"; the branch that got furthest says which field is wrong, so
// that branch's issues are reported instead, with their paths made absolute.
function flattenIssues(issues: ReadonlyArray<Issue>): Array<{ path: PathKey[]; message: string }> {
  const out: Array<{ path: PathKey[]; message: string }> = [];
  for (const issue of issues) {
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const best = bestBranch(issue.errors);
      if (best) {
        for (const inner of flattenIssues(best))
          out.push({ path: [...issue.path, ...inner.path], message: inner.message });
        continue;
      }
      const merged = mergeTypeMismatches(issue.errors);
      if (merged) {
        out.push({ path: [...issue.path], message: merged });
        continue;
      }
    }
    out.push({ path: [...issue.path], message: issue.message });
  }
  return out;
}

// "expected object, got number" + "expected array, got number" → "expected object | array, got number".
function mergeTypeMismatches(branches: ReadonlyArray<ReadonlyArray<Issue>>): string | undefined {
  const expected: string[] = [];
  let got: string | undefined;
  for (const branch of branches) {
    const match =
      branch.length === 1 && branch[0]?.path.length === 0
        ? /^expected (.+), got (.+)$/.exec(branch[0].message)
        : null;
    if (!match?.[1] || (got !== undefined && got !== match[2])) return undefined;
    expected.push(match[1]);
    got = match[2];
  }
  return expected.length ? `expected ${[...new Set(expected)].join(" | ")}, got ${got}` : undefined;
}

// The branch whose first issue lies deepest, i.e. the one that matched the most before failing.
function bestBranch(branches: ReadonlyArray<ReadonlyArray<Issue>>): ReadonlyArray<Issue> | undefined {
  let best: ReadonlyArray<Issue> | undefined;
  let bestDepth = 0;
  for (const branch of branches) {
    const depth = Math.min(...branch.map((issue) => issue.path.length));
    // A branch that failed only at the root (a wrong literal tag) explains nothing.
    if (depth > bestDepth) {
      best = branch;
      bestDepth = depth;
    }
  }
  return best;
}
