import { lookup } from "node:dns/promises";
import { DeployMode } from "@molecule-ctk/contract";
import { MockPlatformOptionError } from "./mock-platform-error.js";
import { type PlatformMutant, platformMutant } from "./mutants/platform-mutants.js";
import type { Provisioner } from "./provisioner/provisioner.js";

/** Resolves a hostname to its IP addresses; the URL checks use it instead of connecting anywhere. */
export type HostResolver = (hostname: string) => Promise<string[]>;

/** Options of {@link createMockPlatform}; every timer is configurable so tests run in milliseconds. */
export interface MockPlatformOptions {
  /** Origin the handlers answer on. Default `http://mock-platform.test`. */
  baseUrl?: string;
  /** `ADMIN_TOKEN`: the admin bearer. Unset means AdminAuth accepts workspace tokens only. */
  adminToken?: string;
  /** Default `self-hosted` (strict). `development` is `MOLECULE_ENV=development`. */
  deployMode?: DeployMode;
  /** Runs workspace containers; without one the mock platform only registers runtimes that start themselves. */
  provisioner?: Provisioner;
  /**
   * Runs the first provision at `POST /workspaces` (default true). Off: no container until the first
   * restart, whose provision then writes the generated config.yaml when the volume has none. It saves a
   * third of a lifecycle's Docker work but drops contract 13's create-time container (see the README).
   */
  provisionOnCreate?: boolean;
  /** `MOLECULE_IN_DOCKER`: enables the `http://127.0.0.1:` → `http://ws-<id>:8000` rewrite (contract 7.4). */
  inDocker?: boolean;
  /** URL containers use to reach the mock platform (`PLATFORM_URL`); default the baseUrl. */
  platformUrl?: string;
  /** Redis liveness TTL (contract 6.3). Default 180 000 ms. */
  livenessTtlMs?: number;
  /** Health sweep period; 0 disables the timer (control.runSweeps() still runs it). Default 15 000 ms. */
  healthSweepIntervalMs?: number;
  /** Provision timeout (contract 6.3). Default 12 min. */
  provisionTimeoutMs?: number;
  /** Provision-timeout sweep period; 0 disables the timer. Default 30 000 ms. */
  provisionSweepIntervalMs?: number;
  /** `RestartByID` waits this long first when the row is still provisioning. Default 10 000 ms. */
  restartProvisioningDelayMs?: number;
  /** A register failure younger than this degrades an online row (#2530). Default 5 min. */
  registerFailureWindowMs?: number;
  /** A2A request body cap (contract 7.3). Default 16 MiB. */
  maxA2ABodyBytes?: number;
  /** `MOLECULE_REGISTRY_TOKEN_CHECK_FAIL_CLOSED`: a failed token check answers 503 instead of passing. */
  registryTokenCheckFailClosed?: boolean;
  /** `MOLECULE_A2A_ALWAYS_AUTH`: every dispatch carries the inbound-secret bearer. */
  a2aAlwaysAuth?: boolean;
  /** SSRF re-check while a docker-DNS name settles (core#4548). Default 5 × 300 ms. */
  ssrfRetry?: { attempts: number; delayMs: number };
  /** DNS for the URL checks. Default node's `dns.lookup` (all addresses). */
  resolver?: HostResolver;
  /** `MOLECULE_APP_DOMAIN`. Default `moleculesai.app`. */
  appDomain?: string;
  /** Receives platform log lines (boot telemetry, contract 8.4). Default: the debug namespace only. */
  log?: (line: string) => void;
  /** Request journal size. Default 1000 entries. */
  journalLimit?: number;
  /** Characters of bodies and headers the journal keeps in all (the oldest entries go first). Default 4 Mi. */
  journalChars?: number;
  /** A test affordance: one contract violation switched on (`PLATFORM_MUTANTS`). Never on by default. */
  mutant?: PlatformMutant;
  /** Bytes of each request body the journal keeps (0 keeps none). Default 16 KiB. */
  journalBodyBytes?: number;
  /**
   * How the A2A proxy calls agents. `fetch` (the default): through msw's `bypass()`, so a platform
   * served in-process under `setupServer` reaches the real agent, not its own handlers. `node-http`:
   * `node:http` with a keep-alive agent, faster, for a process where msw intercepts nothing (the
   * default of a platform `startMockPlatformServer` creates itself).
   */
  agentTransport?: AgentTransport;
}

/** How the A2A proxy calls agents: see {@link MockPlatformOptions.agentTransport}. */
export type AgentTransport = "fetch" | "node-http";
const AGENT_TRANSPORTS: ReadonlyArray<AgentTransport> = ["fetch", "node-http"];

export interface ResolvedOptions
  extends Required<Omit<MockPlatformOptions, "provisioner" | "adminToken" | "log" | "mutant">> {
  provisioner: Provisioner | undefined;
  adminToken: string | undefined;
  log: ((line: string) => void) | undefined;
  mutant: PlatformMutant | undefined;
  saas: boolean;
  devMode: boolean;
}

const MINUTE = 60_000;

/** Fills in defaults and rejects values the mock platform cannot run with. */
export function resolveOptions(options: MockPlatformOptions = {}): ResolvedOptions {
  const baseUrl = (options.baseUrl ?? "http://mock-platform.test").replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]+$/.test(baseUrl)) {
    throw new MockPlatformOptionError(
      `[mock-platform] baseUrl ${JSON.stringify(options.baseUrl)} is not an origin: pass e.g. http://127.0.0.1:8080`,
    );
  }
  const deployMode = options.deployMode ?? "self-hosted";
  if (!DeployMode.safeParse(deployMode).success) {
    throw new MockPlatformOptionError(
      `[mock-platform] deployMode ${JSON.stringify(deployMode)} is unknown: use ${DeployMode.options.join(", ")}`,
    );
  }
  const agentTransport = options.agentTransport ?? "fetch";
  if (!AGENT_TRANSPORTS.includes(agentTransport)) {
    throw new MockPlatformOptionError(
      `[mock-platform] agentTransport ${JSON.stringify(agentTransport)} is unknown: use ${AGENT_TRANSPORTS.join(" or ")}`,
    );
  }
  const adminToken = options.adminToken === "" ? undefined : options.adminToken;
  return {
    baseUrl,
    adminToken,
    deployMode,
    provisioner: options.provisioner,
    provisionOnCreate: options.provisionOnCreate ?? true,
    inDocker: options.inDocker ?? false,
    platformUrl: (options.platformUrl ?? baseUrl).replace(/\/+$/, ""),
    livenessTtlMs: positive("livenessTtlMs", options.livenessTtlMs ?? 180_000),
    healthSweepIntervalMs: options.healthSweepIntervalMs ?? 15_000,
    provisionTimeoutMs: positive("provisionTimeoutMs", options.provisionTimeoutMs ?? 12 * MINUTE),
    provisionSweepIntervalMs: options.provisionSweepIntervalMs ?? 30_000,
    restartProvisioningDelayMs: options.restartProvisioningDelayMs ?? 10_000,
    registerFailureWindowMs: options.registerFailureWindowMs ?? 5 * MINUTE,
    maxA2ABodyBytes: positive("maxA2ABodyBytes", options.maxA2ABodyBytes ?? 16 * 1024 * 1024),
    a2aAlwaysAuth: options.a2aAlwaysAuth ?? false,
    registryTokenCheckFailClosed: options.registryTokenCheckFailClosed ?? false,
    ssrfRetry: options.ssrfRetry ?? { attempts: 5, delayMs: 300 },
    resolver: options.resolver ?? defaultResolver,
    appDomain: options.appDomain ?? "moleculesai.app",
    log: options.log,
    journalLimit: options.journalLimit ?? 1000,
    journalChars: positive("journalChars", options.journalChars ?? 4 * 1024 * 1024),
    mutant: options.mutant === undefined ? undefined : platformMutant(options.mutant),
    journalBodyBytes: options.journalBodyBytes ?? 16 * 1024,
    agentTransport,
    saas: deployMode === "saas",
    devMode: deployMode === "development",
  };
}

function positive(name: string, value: number): number {
  if (!(value > 0)) {
    throw new MockPlatformOptionError(`[mock-platform] ${name} must be a positive number, got ${value}`);
  }
  return value;
}

async function defaultResolver(hostname: string): Promise<string[]> {
  const addresses = await lookup(hostname, { all: true });
  return addresses.map((entry) => entry.address);
}
