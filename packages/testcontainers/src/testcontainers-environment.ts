import { existsSync, readFileSync } from "node:fs";
import createDebug from "debug";
import type Dockerode from "dockerode";
import { REAPER_IMAGE } from "testcontainers/build/reaper/reaper.js";

const debug = createDebug("molecule-ctk:testcontainers:environment");

/** The image testcontainers runs to find the Docker host from inside a container. */
const HOST_PROBE_IMAGE = "alpine:3.14";

/** What {@link prepareTestcontainersEnvironment} decided, for logs and tests. */
export interface TestcontainersEnvironment {
  /** Set when this package disabled Ryuk because its image is not on the engine. */
  ryukDisabled: boolean;
  /** The host this package set as TESTCONTAINERS_HOST_OVERRIDE, if it set one. */
  hostOverride: string | undefined;
}

let prepared: Promise<TestcontainersEnvironment> | undefined;

/**
 * Makes testcontainers work on an engine that can pull nothing, before its first container starts:
 * it would otherwise pull Ryuk's image, and, in a container whose default bridge shows no gateway,
 * `alpine:3.14` to find the host. Only settings the user left unset are decided, once per process:
 * Ryuk is disabled when its image is absent (the session reaper of this package removes what the
 * package made), and the host is set when the probe image is absent. The user's own values always win.
 */
export function prepareTestcontainersEnvironment(
  docker: Dockerode,
  env: NodeJS.ProcessEnv = process.env,
): Promise<TestcontainersEnvironment> {
  prepared ??= decideTestcontainersEnvironment(docker, env);
  return prepared;
}

/** What {@link prepareTestcontainersEnvironment} does, every time it is called: it sets `env` and says what it set. */
export async function decideTestcontainersEnvironment(
  docker: Dockerode,
  env: NodeJS.ProcessEnv,
): Promise<TestcontainersEnvironment> {
  const decision: TestcontainersEnvironment = { ryukDisabled: false, hostOverride: undefined };
  if (env.TESTCONTAINERS_RYUK_DISABLED === undefined && !(await hasImage(docker, REAPER_IMAGE))) {
    env.TESTCONTAINERS_RYUK_DISABLED = "true";
    decision.ryukDisabled = true;
    debug("%s is not on the engine: Ryuk disabled for this process", REAPER_IMAGE);
  }
  if (env.TESTCONTAINERS_HOST_OVERRIDE === undefined) {
    const host = await hostWithoutProbe(docker, env);
    if (host) {
      env.TESTCONTAINERS_HOST_OVERRIDE = host;
      decision.hostOverride = host;
      debug(
        "TESTCONTAINERS_HOST_OVERRIDE=%s (testcontainers would pull %s to find it)",
        host,
        HOST_PROBE_IMAGE,
      );
    }
  }
  return decision;
}

// testcontainers asks the probe image only for a local socket, from inside a container, when the
// default bridge network lists no gateway (dockerd 20.10 lists only the subnet). The answer it
// would get is the bridge's gateway, Docker's first address of the subnet; when that subnet is
// routed here, the engine shares this network namespace and loopback reaches its published ports.
async function hostWithoutProbe(docker: Dockerode, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const dockerHost = env.DOCKER_HOST ?? "unix:///var/run/docker.sock";
  if (!/^(unix|npipe):/.test(dockerHost) || !existsSync("/.dockerenv")) return undefined;
  const bridge = (await docker
    .getNetwork("bridge")
    .inspect()
    .catch(() => undefined)) as
    | { IPAM?: { Config?: Array<{ Subnet?: string; Gateway?: string }> } }
    | undefined;
  const config = bridge?.IPAM?.Config?.find((entry) => entry.Subnet?.includes("."));
  if (!config?.Subnet || config.Gateway || (await hasImage(docker, HOST_PROBE_IMAGE))) return undefined;
  return routedHere(config.Subnet) ? "127.0.0.1" : firstAddress(config.Subnet);
}

/** Whether an IPv4 subnet (`a.b.c.d/n`) is a directly connected route of this network namespace. */
export function routedHere(subnet: string, routeTable = readRouteTable()): boolean {
  const [address = "", bits = "32"] = subnet.split("/");
  const network = ipv4ToNumber(address);
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return routeTable.some(
    (route) => route.gateway === 0 && route.mask === mask && route.destination === network,
  );
}

/** The first host address of an IPv4 subnet, where Docker puts a bridge's gateway by default. */
export function firstAddress(subnet: string): string {
  const [address = ""] = subnet.split("/");
  const parts = address.split(".").map(Number);
  parts[3] = (parts[3] ?? 0) + 1;
  return parts.join(".");
}

interface Route {
  destination: number;
  gateway: number;
  mask: number;
}

// /proc/net/route holds addresses as little-endian hex; an absent file (not Linux) means no routes.
function readRouteTable(): Route[] {
  let text: string;
  try {
    text = readFileSync("/proc/net/route", "utf8");
  } catch {
    return [];
  }
  const littleEndian = (hex = "0") => {
    const n = Number.parseInt(hex, 16) >>> 0;
    return (((n & 0xff) << 24) | (((n >>> 8) & 0xff) << 16) | (((n >>> 16) & 0xff) << 8) | (n >>> 24)) >>> 0;
  };
  return text
    .split("\n")
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length >= 8)
    .map((fields) => ({
      destination: littleEndian(fields[1]),
      gateway: littleEndian(fields[2]),
      mask: littleEndian(fields[7]),
    }));
}

function ipv4ToNumber(address: string): number {
  return address.split(".").reduce((n, part) => ((n << 8) | Number(part)) >>> 0, 0);
}

// Whether the engine holds an image; an engine that errs or does not answer in time holds none.
function hasImage(docker: Dockerode, ref: string): Promise<boolean> {
  return answerOf(
    docker
      .getImage(ref)
      .inspect()
      .then(() => true),
    false,
  );
}

// An engine call's answer, or `fallback` when it fails or takes more than 3 s (a DOCKER_HOST that
// accepts and never answers must not hang an import).
async function answerOf<T>(call: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), 3_000);
  });
  try {
    return await Promise.race([call.catch(() => fallback), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
