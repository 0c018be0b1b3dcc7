import { createHash } from "node:crypto";

/** The first 12 hex digits of a token's sha256: what the platform's journal shows of a bearer. */
export function hash12(token: string): string {
  return createHash("sha256").update(token).digest("hex").slice(0, 12);
}
