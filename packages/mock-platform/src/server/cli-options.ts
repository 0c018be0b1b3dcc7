import { parseArgs } from "node:util";
import { DeployMode } from "@molecule-ctk/contract";
import { MockPlatformError } from "../mock-platform-error.js";
import { PLATFORM_MUTANTS, type PlatformMutant } from "../mutants/platform-mutants.js";

export interface ServeOptions {
  host: string;
  port: number;
  adminToken: string | undefined;
  provisioner: "auto" | "docker" | "memory" | "none";
  image: string | undefined;
  network: string | undefined;
  platformUrl: string | undefined;
  advertiseHost: string | undefined;
  labels: Record<string, string>;
  livenessTtlMs: number | undefined;
  provisionTimeoutMs: number | undefined;
  deployMode: DeployMode;
  inDocker: boolean;
  logFile: string | undefined;
  mutant: PlatformMutant | undefined;
}

/** A command line the CLI cannot run; the CLI prints it and exits 2. */
export class CliUsageError extends MockPlatformError {
  constructor(message: string) {
    super(`[mock-platform] ${message}`);
  }
}

/** The usage text of `<program> serve`, where program is the command the user typed ("molecule-ctk"). */
export function serveUsage(program: string): string {
  return `Usage: ${program} serve [options]

Runs the Molecule mock platform over HTTP. Prints "mock-platform listening on http://HOST:PORT" once ready.

Options (environment fallbacks in brackets):
  --host ADDR               bind address [BIND_ADDR] (default 127.0.0.1)
  --port N                  port, 0 for a free one [PORT] (default 8080)
  --admin-token T           admin bearer [ADMIN_TOKEN, MOLECULE_ADMIN_TOKEN]
  --provisioner KIND        auto | docker | memory | none (default auto: docker when a Docker engine answers;
                            memory: no containers, provisions only recorded, for trying the API)
  --image REF|local         workspace image for the docker provisioner (default molecule-ctk/stub-runtime:latest,
                            or, when CACHE_TAG or MOLECULE_LOCAL_IMAGE_ISOLATION is set as the bash harness
                            sets them, the platform's local resolution; "local" forces local resolution)
  --network NAME            workspace network (default molecule-core-net)
  --platform-url URL        how containers reach the mock platform [PLATFORM_URL] (default http://<network gateway>:PORT,
                            where the mock platform also listens unless --host already covers it)
  --advertise-host HOST     host in stored workspace URLs [MOLECULE_WORKSPACE_ADVERTISE_HOST] (default localhost)
  --label KEY=VALUE         extra label on every Docker resource (repeatable)
  --liveness-ttl SECONDS    liveness TTL (default 180)
  --provision-timeout SECONDS  provision timeout [PROVISION_TIMEOUT_SECONDS] (default 720)
  --deploy-mode MODE        self-hosted | saas | development [MOLECULE_DEPLOY_MODE; MOLECULE_ENV=development]
                            (default development, as upstream CI runs the platform: the proxy may then reach
                            the localhost URLs a local provisioner stores; self-hosted is the platform's own default)
  --in-docker               the mock platform runs in Docker: rewrite 127.0.0.1 agent URLs to ws-<id>:8000 [MOLECULE_IN_DOCKER]
  --log-file PATH           also append the platform log (boot telemetry), printed on stdout, to PATH [PLATFORM_LOG]
  --mutant NAME             TEST AFFORDANCE: break one contract rule on purpose, so that verify platform
                            can show it catches it (never on by default; see PLATFORM_MUTANTS):
${Object.entries(PLATFORM_MUTANTS)
  .map(([name, what]) => `                              ${name}: ${what}`)
  .join("\n")}
  -h, --help                show this help
`;
}

/** The usage of the mock platform's own bin, `mock-platform serve`. */
export const USAGE = serveUsage("mock-platform");

function seconds(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new CliUsageError(`${flag} must be a positive number of seconds, got ${JSON.stringify(value)}`);
  return n * 1000;
}

function deployModeFrom(flag: string | undefined, env: NodeJS.ProcessEnv): DeployMode {
  if (flag !== undefined) {
    const mode = DeployMode.safeParse(flag);
    if (!mode.success) {
      throw new CliUsageError(
        `--deploy-mode must be ${DeployMode.options.join(", ")}, got ${JSON.stringify(flag)}`,
      );
    }
    return mode.data;
  }
  if (env.MOLECULE_ENV === "development" || env.MOLECULE_ENV === "dev") return "development";
  const mode = env.MOLECULE_DEPLOY_MODE?.toLowerCase();
  if (mode === "saas") return "saas";
  if (mode) return "self-hosted"; // any other non-empty value is strict (contract 2.2)
  return "development";
}

/** Parses `serve` and its flags; returns "help" for --help; throws CliUsageError for anything else. */
export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeOptions | "help" {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (positionals[0] !== "serve" || positionals.length > 1) {
    throw new CliUsageError(
      positionals.length === 0
        ? "missing command: serve"
        : `unknown command ${JSON.stringify(positionals.join(" "))}`,
    );
  }
  const portText = values.port ?? env.PORT ?? "8080";
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliUsageError(`--port must be 0-65535, got ${JSON.stringify(portText)}`);
  const provisioner = values.provisioner ?? "auto";
  if (!["auto", "docker", "memory", "none"].includes(provisioner)) {
    throw new CliUsageError(
      `--provisioner must be auto, docker, memory or none, got ${JSON.stringify(provisioner)}`,
    );
  }
  const labels: Record<string, string> = {};
  for (const label of values.label ?? []) {
    const at = label.indexOf("=");
    if (at <= 0) throw new CliUsageError(`--label must be KEY=VALUE, got ${JSON.stringify(label)}`);
    labels[label.slice(0, at)] = label.slice(at + 1);
  }
  const inDockerEnv = env.MOLECULE_IN_DOCKER?.toLowerCase();
  return {
    provisioner: provisioner as ServeOptions["provisioner"],
    host: values.host ?? env.BIND_ADDR ?? "127.0.0.1",
    port,
    adminToken: values["admin-token"] ?? (env.ADMIN_TOKEN || env.MOLECULE_ADMIN_TOKEN || undefined),
    image: values.image,
    network: values.network,
    platformUrl: values["platform-url"] ?? (env.PLATFORM_URL || undefined),
    advertiseHost: values["advertise-host"] ?? (env.MOLECULE_WORKSPACE_ADVERTISE_HOST || undefined),
    labels,
    livenessTtlMs: seconds("--liveness-ttl", values["liveness-ttl"]),
    provisionTimeoutMs: seconds(
      "--provision-timeout",
      values["provision-timeout"] ?? (env.PROVISION_TIMEOUT_SECONDS || undefined),
    ),
    deployMode: deployModeFrom(values["deploy-mode"], env),
    inDocker: values["in-docker"] ?? (inDockerEnv === "true" || inDockerEnv === "1"),
    logFile: values["log-file"] ?? (env.PLATFORM_LOG || undefined),
    mutant: mutantFrom(values.mutant),
  };
}

function mutantFrom(flag: string | undefined): PlatformMutant | undefined {
  if (flag === undefined) return undefined;
  if (Object.hasOwn(PLATFORM_MUTANTS, flag)) return flag as PlatformMutant;
  throw new CliUsageError(
    `--mutant must be one of ${Object.keys(PLATFORM_MUTANTS).join(", ")}, got ${JSON.stringify(flag)}`,
  );
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      host: { type: "string" },
      port: { type: "string" },
      "admin-token": { type: "string" },
      provisioner: { type: "string" },
      image: { type: "string" },
      network: { type: "string" },
      "platform-url": { type: "string" },
      "advertise-host": { type: "string" },
      label: { type: "string", multiple: true },
      "liveness-ttl": { type: "string" },
      "provision-timeout": { type: "string" },
      "deploy-mode": { type: "string" },
      "in-docker": { type: "boolean" },
      "log-file": { type: "string" },
      mutant: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
