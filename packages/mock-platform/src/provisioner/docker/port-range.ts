import { readFileSync } from "node:fs";
import { MockPlatformOptionError } from "../../mock-platform-error.js";

/** The kernel's ephemeral port range (`ip_local_port_range`); Linux's default when it cannot be read. */
export function ephemeralPortRange(
  read: () => string = () => readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8"),
): [number, number] {
  try {
    const [low, high] = read().trim().split(/\s+/).map(Number);
    if (low && high && low <= high) return [low, high];
  } catch {
    // not Linux, or no procfs: assume the default
  }
  return [32768, 60999];
}

/**
 * The range host ports are handed out from: `MOLECULE_CTK_HOST_PORTS=low-high` when set, else the
 * ports below the ephemeral range down to 20000 (or above it, when that leaves more room).
 */
export function hostPortRange(
  env: Readonly<Record<string, string | undefined>> = process.env,
  ephemeral: [number, number] = ephemeralPortRange(),
): [number, number] {
  const given = env.MOLECULE_CTK_HOST_PORTS;
  if (given) {
    const match = /^(\d+)-(\d+)$/.exec(given.trim());
    const low = Number(match?.[1]);
    const high = Number(match?.[2]);
    if (!match || low < 1024 || high > 65535 || low > high) {
      throw new MockPlatformOptionError(
        `[mock-platform] MOLECULE_CTK_HOST_PORTS=${JSON.stringify(given)} is not a port range: use e.g. 20000-32000`,
      );
    }
    return [low, high];
  }
  const [ephemeralLow, ephemeralHigh] = ephemeral;
  const below: [number, number] = [Math.min(20000, ephemeralLow - 1), ephemeralLow - 1];
  const above: [number, number] = [ephemeralHigh + 1, 65535];
  const size = ([low, high]: [number, number]) => high - low;
  const best = size(below) >= size(above) ? below : above;
  return size(best) >= 1000 ? best : [1024, 65535];
}
