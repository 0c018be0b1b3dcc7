import type { PlatformResponse } from "@molecule-ctk/contract";
import type { CheckLevel, CheckStatus } from "../report/check-result.js";
import type { CheckContext } from "./check-context.js";

/** What one check found. */
export interface CheckOutcome {
  status: CheckStatus;
  detail: string;
}

/** One behavioural rule of the contract, checked against a running platform. */
export interface PlatformCheck {
  /** Stable id, e.g. `register.c18-guard`. */
  id: string;
  level: CheckLevel;
  /** `contract N.N`, plus the upstream incident when one made the rule. */
  section: string;
  /** The rule, in one sentence (the README's check table). */
  rule: string;
  /** What to change in the platform when the check fails. */
  fix: string;
  /** Starts before the others and is awaited in its place (a check that mostly waits). */
  background?: boolean;
  run(ctx: CheckContext): Promise<CheckOutcome>;
}

export const pass = (detail: string): CheckOutcome => ({ status: "pass", detail });
export const skip = (reason: string): CheckOutcome => ({ status: "skip", detail: reason });

/** A response for a detail line: status and the start of the body. */
export function seen(response: PlatformResponse): string {
  const text = response.text.replace(/\s+/g, " ").trim();
  return `${response.status}${text ? ` ${text.length > 140 ? `${text.slice(0, 139)}…` : text}` : ""}`;
}

/** What a check saw differ from its rule; {@link outcome} makes the verdict. */
export class Findings {
  readonly problems: string[] = [];

  /** Records `problem` unless `condition` holds; returns `condition`. */
  expect(condition: boolean, problem: string): boolean {
    if (!condition) this.problems.push(problem);
    return condition;
  }

  /** The response has one of the expected statuses. */
  status(what: string, response: PlatformResponse, expected: number | ReadonlyArray<number>): boolean {
    const wanted = typeof expected === "number" ? [expected] : expected;
    return this.expect(
      wanted.includes(response.status),
      `${what} answered ${seen(response)}, expected ${wanted.join(" or ")}`,
    );
  }

  /** The response is `status` with exactly the body `{"error": error}`. */
  errorBody(what: string, response: PlatformResponse, status: number, error: string): boolean {
    return this.body(what, response, status, { error });
  }

  /** The response is `status` with a JSON body deep-equal to `body` (key order free). */
  body(what: string, response: PlatformResponse, status: number, body: unknown): boolean {
    const same = response.status === status && sameJson(response.body, body);
    return this.expect(
      same,
      `${what} answered ${seen(response)}, expected ${status} ${JSON.stringify(body)}`,
    );
  }

  /** Pass with `detail` when nothing differed, else fail with every problem and the fix. */
  outcome(check: Pick<PlatformCheck, "fix">, detail: string): CheckOutcome {
    if (this.problems.length === 0) return pass(detail);
    return { status: "fail", detail: `${this.problems.join("; ")}. Fix: ${check.fix}` };
  }
}

/** JSON equality with object keys in any order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) =>
      Object.hasOwn(b, key) &&
      sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
