import { allocateHostPort } from "../provisioner/docker/ports.js";
import { InMemoryProvisioner } from "../provisioner/in-memory-provisioner.js";
import type { Provisioner } from "../provisioner/provisioner.js";
import { CliUsageError, parseServeArgs, type ServeOptions, USAGE } from "./cli-options.js";
import { startMockPlatformServer } from "./mock-platform-server.js";
import { createPlatformLogSink } from "./platform-log-sink.js";
import { createDockerProvisioner, dockerAnswers } from "./provisioner-factory.js";

const WILDCARD_HOSTS = new Set(["0.0.0.0", "::"]);

async function serve(options: ServeOptions): Promise<void> {
  const kind =
    options.provisioner === "auto" ? ((await dockerAnswers()) ? "docker" : "none") : options.provisioner;
  if (options.provisioner === "auto") {
    console.error(
      kind === "docker"
        ? "[mock-platform] a Docker engine answered: provisioning workspace containers (--provisioner none to stop that)"
        : "[mock-platform] no Docker engine answered: serving without a provisioner",
    );
  }
  // The provisioner needs the platform's port before the server listens, so pick the port first.
  if (options.mutant) {
    console.error(
      `[mock-platform] MUTANT ${options.mutant} is on: this mock platform breaks the contract on purpose (a test affordance)`,
    );
  }
  const port = options.port === 0 && kind === "docker" ? await allocateHostPort(options.host) : options.port;
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
  console.log(`mock-platform listening on ${server.url}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await provisioner?.close();
    log.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
}

async function main(argv: string[]): Promise<void> {
  let options: ServeOptions | "help";
  try {
    options = parseServeArgs(argv);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    console.error(`${error.message}\nRun "mock-platform --help" for usage.`);
    process.exit(2);
  }
  if (options === "help") {
    console.log(USAGE);
    return;
  }
  await serve(options);
}

main(process.argv.slice(2)).catch((error) => {
  // Errors of the kit already name their component ("[mock-platform] ..."); others get it here.
  const message = error instanceof Error ? error.message : String(error);
  console.error(/^\[[\w-]+\] /.test(message) ? message : `[mock-platform] ${message}`);
  process.exit(1);
});
