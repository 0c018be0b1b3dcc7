import { InMemoryProvisioner } from "../provisioner/in-memory-provisioner.js";
import type { Provisioner } from "../provisioner/provisioner.js";
import { CliUsageError, parseServeArgs, type ServeOptions, serveUsage } from "./cli-options.js";
import { startMockPlatformServer } from "./mock-platform-server.js";
import { createPlatformLogSink } from "./platform-log-sink.js";
import { createDockerProvisioner, dockerStatus } from "./provisioner-factory.js";

const WILDCARD_HOSTS = new Set(["0.0.0.0", "::"]);

/** Where a command prints: one line at a time, to stdout (`out`) or stderr (`err`). */
export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface ServeCommandOptions {
  io: CommandIo;
  /** The command the user typed before `serve`, for usage and hints: "mock-platform" or "molecule-ctk". */
  program?: string;
  /** Stops the server as SIGTERM does (for callers that run it in-process). */
  signal?: AbortSignal;
}

/**
 * Runs `serve ...args`: the mock platform over HTTP until SIGTERM, SIGINT or `signal`. Resolves the
 * exit code: 0 after a clean stop (or `--help`), 2 for a bad command line, 1 when it cannot start.
 */
export async function runServeCommand(
  args: ReadonlyArray<string>,
  options: ServeCommandOptions,
): Promise<number> {
  const { io, program = "mock-platform" } = options;
  let parsed: ServeOptions | "help";
  try {
    parsed = parseServeArgs(["serve", ...args]);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    io.err(`${error.message}. Run "${program} serve --help" for usage.`);
    return 2;
  }
  if (parsed === "help") {
    io.out(serveUsage(program));
    return 0;
  }
  try {
    return await serve(parsed, io, options.signal);
  } catch (error) {
    // Errors of the kit already name their component ("[mock-platform] ..."); others get it here.
    const message = error instanceof Error ? error.message : String(error);
    io.err(/^\[[\w-]+\] /.test(message) ? message : `[mock-platform] ${message}`);
    return 1;
  }
}

async function serve(options: ServeOptions, io: CommandIo, signal: AbortSignal | undefined): Promise<number> {
  let kind = options.provisioner;
  if (kind === "auto") {
    const docker = await dockerStatus();
    kind = docker === "answers" ? "docker" : "none";
    io.err(
      {
        answers:
          "[mock-platform] a Docker engine answered: provisioning workspace containers (--provisioner none to stop that)",
        "no-engine": "[mock-platform] no Docker engine answered: serving without a provisioner",
        "no-client":
          "[mock-platform] dockerode is not installed: serving without a provisioner (npm i dockerode to provision containers)",
      }[docker],
    );
  }
  if (options.mutant) {
    io.err(
      `[mock-platform] MUTANT ${options.mutant} is on: this mock platform breaks the contract on purpose (a test affordance)`,
    );
  }
  // The provisioner needs the platform's port before the server listens, so pick the port first.
  const port =
    options.port === 0 && kind === "docker"
      ? await (await import("../provisioner/docker/ports.js")).allocateHostPort(options.host)
      : options.port;
  const docker = kind === "docker" ? await createDockerProvisioner(options, port) : undefined;
  const provisioner: Provisioner | undefined =
    docker ?? (kind === "memory" ? new InMemoryProvisioner() : undefined);
  // Containers reach the mock platform at their network's gateway: listen there too unless --host covers it.
  const extraHosts =
    docker && !options.platformUrl && !WILDCARD_HOSTS.has(options.host)
      ? [await docker.networkGateway()]
      : [];
  const platformUrl = options.platformUrl ?? (docker ? await docker.platformUrl() : undefined);
  const log = createPlatformLogSink(options.logFile);
  const server = await startMockPlatformServer({
    host: options.host,
    port,
    extraHosts,
    ...(options.adminToken ? { adminToken: options.adminToken } : {}),
    ...(provisioner ? { provisioner } : {}),
    ...(platformUrl ? { platformUrl } : {}),
    deployMode: options.deployMode,
    inDocker: options.inDocker,
    ...(options.livenessTtlMs ? { livenessTtlMs: options.livenessTtlMs } : {}),
    ...(options.provisionTimeoutMs ? { provisionTimeoutMs: options.provisionTimeoutMs } : {}),
    log: (line: string) => log.write(line),
    ...(options.mutant ? { mutant: options.mutant } : {}),
  }).catch(async (error) => {
    await provisioner?.close();
    throw error;
  });
  io.out(`mock-platform listening on ${server.url}`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
      signal?.removeEventListener("abort", stop);
      resolve();
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    if (signal?.aborted) stop();
    else signal?.addEventListener("abort", stop, { once: true });
  });
  await server.close();
  await provisioner?.close();
  log.close();
  return 0;
}
