import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  type ConfigFile,
  ConfigVolumeEmptyError,
  type Provisioner,
  type ProvisionRequest,
  type ProvisionResult,
} from "@molecule-ctk/mock-platform";
import { hostPorts, type PortLease } from "@molecule-ctk/mock-platform/docker";
import { VerifyError } from "../../verify-error.js";
import {
  groupAlive,
  killGroup,
  type ProcessGroup,
  signalGroup,
  spawnGroup,
  waitGroupEnded,
} from "./process-group.js";

export interface ProcessProvisionerOptions {
  /** The runtime's command line, run with `/bin/sh -c`. */
  command: string;
  /** PLATFORM_URL and MOLECULE_URL of every runtime. */
  platformUrl: string;
  /** The environment runtimes inherit (default this process's). */
  env?: NodeJS.ProcessEnv;
  /** Where the command runs (default this process's working directory). */
  cwd?: string;
  /** Reserves the runtime's port; default the kit's host port allocator. */
  allocatePort?: () => Promise<PortLease>;
  /** Names the config volumes' temp directories: `molecule-ctk-<runId>-<workspace>-…` (run ids start `verify-`). */
  runId?: string;
}

interface HostWorkspace {
  configDir: string;
  group?: ProcessGroup;
  lease?: PortLease;
}

/**
 * Provisions a workspace as a host process, the way the Docker provisioner provisions a container
 * (contract 8): a temp directory the kit manages is the config volume (WORKSPACE_CONFIG_PATH), its
 * files are written before start, the env is the caller's plus the contract's (contract 8.1) with
 * PORT and STUB_PORT set to a free port, MOLECULE_WORKSPACE_URL=http://localhost:<port>. Stopping it
 * is SIGKILL to its process group, as `docker rm -f` is to a container.
 */
export class ProcessProvisioner implements Provisioner {
  readonly name = "process";
  readonly #options: ProcessProvisionerOptions;
  readonly #workspaces = new Map<string, HostWorkspace>();

  constructor(options: ProcessProvisionerOptions) {
    this.#options = options;
  }

  /** The last lines the workspace's runtime printed. */
  output(workspaceId: string): string[] {
    return [...(this.#workspaces.get(workspaceId)?.group?.output ?? [])];
  }

  async provision(request: ProvisionRequest): Promise<ProvisionResult> {
    await this.stop(request.workspaceId);
    const workspace = await this.#workspace(request.workspaceId);
    const files = [...request.files];
    if (
      !files.some((file) => file.path === "config.yaml") &&
      !(await exists(join(workspace.configDir, "config.yaml")))
    ) {
      if (request.requireExistingConfig) throw new ConfigVolumeEmptyError(request.workspaceId);
      files.push({ path: "config.yaml", content: configYaml(request) });
    }
    await writeFiles(workspace.configDir, files);
    const lease = await (this.#options.allocatePort ?? (() => hostPorts.acquire("0.0.0.0")))();
    const port = String(lease.port);
    const url = `http://localhost:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...(this.#options.env ?? process.env),
      WORKSPACE_ID: request.workspaceId,
      WORKSPACE_CONFIG_PATH: workspace.configDir,
      TIER: String(request.tier),
      PLATFORM_URL: this.#options.platformUrl,
      MOLECULE_URL: this.#options.platformUrl,
      MOLECULE_WORKSPACE_URL: url,
      MOLECULE_DECLARED_PLUGINS: request.declaredPlugins.join(","),
      ...request.secrets,
      PORT: port,
      STUB_PORT: port,
    };
    workspace.lease = lease;
    workspace.group = spawnGroup(this.#options.command, {
      env,
      cwd: this.#options.cwd ?? process.cwd(),
      label: request.workspaceId.slice(0, 8),
    });
    return { url, internalUrl: url, hostPort: lease.port, containerId: `pgid-${workspace.group.pgid}` };
  }

  /**
   * The exit code of the workspace's command once it has ended on its own (null if it still runs
   * after a second, or a signal ended it). Its last output has been read by then.
   */
  async exitCode(workspaceId: string): Promise<number | null> {
    const group = this.#workspaces.get(workspaceId)?.group;
    if (!group) return null;
    const bound = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
    await Promise.race([group.exited, bound(1_000)]);
    await bound(100); // the pipes' last chunks can arrive after the exit event
    return group.exitCode();
  }

  async stop(workspaceId: string): Promise<void> {
    const workspace = this.#workspaces.get(workspaceId);
    if (!workspace?.group) return;
    await killGroup(workspace.group.pgid);
    await workspace.group.exited;
    workspace.group = undefined;
    workspace.lease?.release();
    workspace.lease = undefined;
  }

  async isRunning(workspaceId: string): Promise<boolean> {
    const group = this.#workspaces.get(workspaceId)?.group;
    return group !== undefined && groupAlive(group.pgid);
  }

  async writeConfigFiles(workspaceId: string, files: ReadonlyArray<ConfigFile>): Promise<void> {
    await writeFiles((await this.#workspace(workspaceId)).configDir, files);
  }

  async remove(workspaceId: string): Promise<void> {
    await this.stop(workspaceId);
    const workspace = this.#workspaces.get(workspaceId);
    this.#workspaces.delete(workspaceId);
    if (workspace) await rm(workspace.configDir, { recursive: true, force: true });
  }

  async close(): Promise<void> {
    for (const workspaceId of [...this.#workspaces.keys()]) await this.remove(workspaceId);
  }

  /**
   * Sends SIGTERM to the runtime's process group and waits up to `boundMs` for all of it to end;
   * whatever still runs then is killed. Resolves whether it ended in time, and how long it took.
   */
  async terminate(workspaceId: string, boundMs: number): Promise<{ ended: boolean; ms: number }> {
    const group = this.#workspaces.get(workspaceId)?.group;
    if (!group) return { ended: true, ms: 0 };
    const started = performance.now();
    signalGroup(group.pgid, "SIGTERM");
    const ended = await waitGroupEnded(group.pgid, boundMs);
    const ms = performance.now() - started;
    await this.stop(workspaceId);
    return { ended, ms };
  }

  async #workspace(workspaceId: string): Promise<HostWorkspace> {
    let workspace = this.#workspaces.get(workspaceId);
    if (!workspace) {
      workspace = {
        configDir: await mkdtemp(
          join(tmpdir(), `molecule-ctk-${this.#options.runId ?? "verify-run"}-${workspaceId.slice(0, 8)}-`),
        ),
      };
      this.#workspaces.set(workspaceId, workspace);
    }
    return workspace;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function writeFiles(dir: string, files: ReadonlyArray<ConfigFile>): Promise<void> {
  for (const file of files) {
    const target = join(dir, file.path);
    if (!target.startsWith(`${dir}/`))
      throw new VerifyError(
        `[verify] config file ${file.path} leaves the config volume: use a relative path inside it`,
      );
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
    await chmod(target, file.mode ?? 0o644);
  }
}

// What the platform generates when no template brings a config.yaml (contract 8.2).
function configYaml(request: ProvisionRequest): string {
  const lines = [
    `name: ${JSON.stringify(request.name)}`,
    `description: ${JSON.stringify("provisioned by molecule-ctk verify runtime")}`,
    "version: 1.0.0",
    `tier: ${request.tier}`,
    `runtime: ${JSON.stringify(request.runtime)}`,
  ];
  if (request.model) lines.push(`model: ${JSON.stringify(request.model)}`);
  return `${lines.join("\n")}\n`;
}
