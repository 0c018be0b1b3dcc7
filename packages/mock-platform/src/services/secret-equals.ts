import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/**
 * Whether a presented secret equals the expected one, in time independent of where they differ
 * (upstream compares with `subtle.ConstantTimeCompare`). Both sides are hashed first so their lengths
 * match; an unset expected secret never matches.
 */
export function secretEquals(presented: string | undefined, expected: string | undefined): boolean {
  if (presented === undefined || expected === undefined) return false;
  return timingSafeEqual(digest(presented), digest(expected));
}
