// Process entry of the stub runtime (and of its image): reads the environment, prints one line per
// event on stdout, and exits 0 on SIGTERM/SIGINT once in-flight requests are answered.
import { RuntimeEnvError } from "@molecule-ctk/contract";
import { parseStubConfig, type StubConfig } from "./config.js";
import { stubBehaviour } from "./defects/stub-defects.js";
import { startStubRuntime } from "./stub-runtime.js";
import { StubConfigError } from "./stub-runtime-error.js";

let config: StubConfig;
try {
  config = parseStubConfig(process.env);
} catch (error) {
  if (!(error instanceof RuntimeEnvError || error instanceof StubConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const prefix = `[stub-runtime ${config.runtime.workspaceId.slice(0, 12)}]`;
const runtime = await startStubRuntime({
  config,
  logger: (event) => console.log(`${prefix} ${event.message}`),
}).catch((error: unknown) => {
  console.error(`${prefix} cannot start: ${(error as Error).message}`);
  process.exit(1);
});

let stopping = false;
const { handleSigterm } = stubBehaviour(config.defect);
if (!handleSigterm) {
  process.on("SIGTERM", () => console.log(`${prefix} SIGTERM: ignored (STUB_DEFECT ignore-sigterm)`));
}
for (const signal of handleSigterm ? (["SIGTERM", "SIGINT"] as const) : (["SIGINT"] as const)) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`${prefix} ${signal}: draining in-flight requests and stopping`);
    runtime.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`${prefix} shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  });
}
