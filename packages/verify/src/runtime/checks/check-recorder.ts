import type { CheckResult, CheckStatus } from "../../report/check-result.js";
import { RUNTIME_CHECKS, type RuntimeCheckId, runtimeCheck } from "./runtime-checks.js";

/** A check's verdict before it is stamped with its level and section. */
export interface Verdict {
  status: CheckStatus;
  detail: string;
}

export const pass = (detail: string): Verdict => ({ status: "pass", detail });
export const fail = (detail: string): Verdict => ({ status: "fail", detail });
export const skip = (detail: string): Verdict => ({ status: "skip", detail });

/**
 * Collects one verdict per check of {@link RUNTIME_CHECKS}; a check nobody judged is reported as a
 * skip with the reason the run gives for it, never left out and never a pass.
 */
export class CheckRecorder {
  readonly #results = new Map<RuntimeCheckId, CheckResult>();

  /** Records `id`'s verdict (the first one counts); `ms` is how long its observation took. */
  record(id: RuntimeCheckId, verdict: Verdict, ms = 0): void {
    if (this.#results.has(id)) return;
    const { level, section } = runtimeCheck(id);
    this.#results.set(id, {
      id,
      level,
      status: verdict.status,
      section,
      detail: verdict.detail,
      ms: Math.round(ms),
    });
  }

  /** Times `judge` and records its verdict. */
  async judge(id: RuntimeCheckId, judge: () => Verdict | Promise<Verdict>): Promise<Verdict> {
    const started = performance.now();
    const verdict = await judge();
    this.record(id, verdict, performance.now() - started);
    return verdict;
  }

  has(id: RuntimeCheckId): boolean {
    return this.#results.has(id);
  }

  status(id: RuntimeCheckId): CheckStatus | undefined {
    return this.#results.get(id)?.status;
  }

  /** Every check, in catalogue order; the unjudged ones skipped with `reason`. */
  results(reason: string): CheckResult[] {
    return RUNTIME_CHECKS.map(
      (check) =>
        this.#results.get(check.id) ?? {
          id: check.id,
          level: check.level,
          status: "skip" as const,
          section: check.section,
          detail: reason,
          ms: 0,
        },
    );
  }
}
