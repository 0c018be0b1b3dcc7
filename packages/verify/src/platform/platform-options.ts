import { parseArgs } from "node:util";
import { DeployMode } from "@molecule-ctk/contract";
import { CHECK_LEVELS, type CheckLevel } from "../report/check-result.js";
import { VerifyError } from "../verify-error.js";

/** What `verify platform` is told: the platform, how it runs, and how to report. */
export interface PlatformVerifyOptions {
  /** The platform's base URL, e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  adminToken: string;
  /** How the platform runs (contract 2.2): it decides what the URL checks expect. */
  deployMode: DeployMode;
  level: CheckLevel;
  reportDir?: string | undefined;
  /** The platform's liveness TTL (contract 6.3: 180 s); the expiry check waits a little longer. */
  livenessTtlMs: number;
  /** Host the platform reaches this machine's agent listener at; default chosen per deploy mode. */
  agentHost?: string | undefined;
  /** The platform's log file, for the boot-telemetry check (contract 8.4). */
  platformLog?: string | undefined;
  /** How long a provisioned workspace may take to come online (the harness's ONLINE_TIMEOUT, 90 s). */
  onlineTimeoutMs: number;
  /** Run only the checks whose id starts with one of these; the others are reported as skipped. */
  only: string[];
}

export const PLATFORM_USAGE = `Usage: molecule-ctk verify platform --base URL --admin-token T [options]

Checks a running platform against the behaviour of docs/contract.md sections 2-9: it plays the
runtime itself over HTTP (register, heartbeat, update-card, an A2A listener of its own) and, when the
platform provisions containers on this machine's Docker engine, checks the provisioning too.
It creates workspaces on the platform and deletes them again.

Options (environment fallbacks in brackets):
  --base URL                the platform, e.g. http://127.0.0.1:8080 [BASE]
  --admin-token T           the platform's ADMIN_TOKEN [ADMIN_TOKEN, MOLECULE_ADMIN_TOKEN]
  --deploy-mode MODE        how the platform runs: development (MOLECULE_ENV=development, as upstream CI),
                            self-hosted (strict, the platform's own default) or saas (default development)
  --level LEVEL             must | should | may: the lowest level that decides the exit code (default must)
  --report DIR              write DIR/report.json, DIR/junit.xml and DIR/report.md
  --liveness-ttl SECONDS    the platform's liveness TTL (default 180, upstream's LivenessTTL)
  --agent-host HOST         where the platform reaches this machine's A2A listener (default: localhost in
                            development mode, a private address of this machine in saas mode, none in
                            self-hosted mode, whose proxy dispatches to public addresses only)
  --platform-log FILE       the platform's log, for the boot-telemetry check [PLATFORM_LOG]
  --online-timeout SECONDS  how long a provisioned workspace may take to come online (default 90)
  --only PREFIX             run only checks whose id starts with PREFIX (repeatable)
  -h, --help                show this help

Exit code: 0 when every check at or above --level passes, 1 when one fails, 2 when the platform
cannot be verified (a bad command line, no answer at --base, the admin token refused).`;

/** Parses `verify platform` flags; returns "help" for --help; throws VerifyError otherwise. */
export function parsePlatformArgs(
  argv: ReadonlyArray<string>,
  env: NodeJS.ProcessEnv = process.env,
): PlatformVerifyOptions | "help" {
  let values: ReturnType<typeof parse>["values"];
  try {
    const parsed = parse([...argv]);
    if (parsed.positionals.length > 0) {
      throw new Error(`unexpected argument ${JSON.stringify(parsed.positionals[0])}`);
    }
    values = parsed.values;
  } catch (error) {
    throw new VerifyError(`[verify] ${(error as Error).message}`);
  }
  if (values.help) return "help";
  const baseUrl = (values.base ?? env.BASE ?? "").replace(/\/+$/, "");
  if (!/^https?:\/\/[^/\s]+$/.test(baseUrl)) {
    throw new VerifyError(
      baseUrl === ""
        ? "[verify] --base is required: the platform's URL, e.g. --base http://127.0.0.1:8080"
        : `[verify] --base must be an http(s) origin such as http://127.0.0.1:8080, got ${JSON.stringify(baseUrl)}`,
    );
  }
  const adminToken = values["admin-token"] ?? (env.ADMIN_TOKEN || env.MOLECULE_ADMIN_TOKEN || "");
  if (adminToken === "") {
    throw new VerifyError("[verify] --admin-token is required: the platform's ADMIN_TOKEN");
  }
  const mode = DeployMode.safeParse(values["deploy-mode"] ?? "development");
  if (!mode.success) {
    throw new VerifyError(
      `[verify] --deploy-mode must be ${DeployMode.options.join(", ")}, got ${JSON.stringify(values["deploy-mode"])}`,
    );
  }
  const level = (values.level ?? "must").toUpperCase();
  if (!(CHECK_LEVELS as ReadonlyArray<string>).includes(level)) {
    throw new VerifyError(
      `[verify] --level must be must, should or may, got ${JSON.stringify(values.level)}`,
    );
  }
  return {
    baseUrl,
    adminToken,
    deployMode: mode.data,
    level: level as CheckLevel,
    reportDir: values.report,
    livenessTtlMs: seconds("--liveness-ttl", values["liveness-ttl"] ?? "180"),
    agentHost: values["agent-host"],
    platformLog: values["platform-log"] ?? (env.PLATFORM_LOG || undefined),
    onlineTimeoutMs: seconds("--online-timeout", values["online-timeout"] ?? "90"),
    only: values.only ?? [],
  };
}

function seconds(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new VerifyError(
      `[verify] ${flag} must be a positive number of seconds, got ${JSON.stringify(text)}`,
    );
  }
  return value * 1000;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      base: { type: "string" },
      "admin-token": { type: "string" },
      "deploy-mode": { type: "string" },
      level: { type: "string" },
      report: { type: "string" },
      "liveness-ttl": { type: "string" },
      "agent-host": { type: "string" },
      "platform-log": { type: "string" },
      "online-timeout": { type: "string" },
      only: { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
    },
  });
}
