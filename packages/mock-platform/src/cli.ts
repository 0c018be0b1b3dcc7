import { createWriteStream } from "node:fs";
import { createServer } from "node:net";
import { CliUsageError, parseServeArgs, type ServeOptions, USAGE } from "./cli-options.js";
import { startMockPlatformServer } from "./mock-platform-server.js";
import { createProvisioner } from "./provisioner-factory.js";

async function freePort(host: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, host, resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function serve(options: ServeOptions): Promise<void> {
  // The provisioner needs the platform URL before the server listens, so pick the port first.
  const port =
    options.port === 0 && options.provisioner === "docker" ? await freePort(options.host) : options.port;
  const platformUrl = options.platformUrl ?? `http://host.docker.internal:${port}`;
  const provisioner = await createProvisioner(options, platformUrl);
  const logFile = options.logFile ? createWriteStream(options.logFile, { flags: "a" }) : undefined;
  const server = await startMockPlatformServer({
    host: options.host,
    port,
    ...(options.adminToken ? { adminToken: options.adminToken } : {}),
    ...(provisioner ? { provisioner } : {}),
    platformUrl: options.platformUrl ?? `http://host.docker.internal:${port}`,
    deployMode: options.deployMode,
    inDocker: options.inDocker,
    ...(options.livenessTtlMs ? { livenessTtlMs: options.livenessTtlMs } : {}),
    ...(options.provisionTimeoutMs ? { provisionTimeoutMs: options.provisionTimeoutMs } : {}),
    ...(logFile ? { log: (line: string) => logFile.write(`${line}\n`) } : {}),
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
    await new Promise<void>((resolve) => (logFile ? logFile.end(resolve) : resolve()));
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
    console.error(`mock-platform: ${error.message}\nRun "mock-platform --help" for usage.`);
    process.exit(2);
  }
  if (options === "help") {
    console.log(USAGE);
    return;
  }
  await serve(options);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`mock-platform: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
