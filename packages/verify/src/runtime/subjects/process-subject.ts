import { hostPorts } from "@molecule-ctk/mock-platform/docker";
import { ProcessProvisioner } from "./process-provisioner.js";
import type { RuntimeSubject } from "./runtime-subject.js";

/** `--command CMD`: the runtime runs as host processes; the platform listens on loopback. */
export async function createProcessSubject(
  command: string,
  env: NodeJS.ProcessEnv,
  runId: string,
): Promise<RuntimeSubject> {
  const lease = await hostPorts.acquire("127.0.0.1");
  const platformUrl = `http://127.0.0.1:${lease.port}`;
  const provisioner = new ProcessProvisioner({ command, platformUrl, env, runId });
  return {
    kind: "command",
    name: command,
    provisioner,
    listenHosts: ["127.0.0.1"],
    platformPort: lease.port,
    platformUrl,
    terminate: (workspaceId, boundMs) => provisioner.terminate(workspaceId, boundMs),
    output: async (workspaceId) => provisioner.output(workspaceId),
    exitCode: (workspaceId) => provisioner.exitCode(workspaceId),
    close: async () => {
      await provisioner.close();
      lease.release();
    },
  };
}
