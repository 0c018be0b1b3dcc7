import { createHash } from "node:crypto";

/** The labels the platform puts on every workspace container (contract 8.3). */
export const PlatformLabels = {
  /** Always `true`. */
  managed: "molecule.platform.managed",
  /** {@link platformInstanceLabel} of the platform's DATABASE_URL. */
  instance: "molecule.platform.instance",
} as const;

/** The value of `molecule.platform.instance`: the first 16 hex of sha256(DATABASE_URL), or `default` when unset. */
export function platformInstanceLabel(databaseUrl: string | undefined): string {
  if (databaseUrl === undefined || databaseUrl === "") return "default";
  return createHash("sha256").update(databaseUrl).digest("hex").slice(0, 16);
}
