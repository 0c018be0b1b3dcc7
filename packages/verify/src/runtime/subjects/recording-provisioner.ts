import type { ConfigFile, Provisioner, ProvisionRequest, ProvisionResult } from "@molecule-ctk/mock-platform";

/** One provision the platform made: when, the token it wrote, and where the runtime listens. */
export interface ProvisionRecord {
  workspaceId: string;
  /** 1 for the first provision of the workspace, 2 for the next, ... */
  ordinal: number;
  startedAt: number;
  /** Set once the container or process runs. */
  result?: ProvisionResult;
  /** The `.auth_token` it wrote, when it wrote one. */
  token?: string;
}

/** A token written into a workspace's config volume: by a provision, or in place (a rotation). */
export interface TokenWrite {
  workspaceId: string;
  at: number;
  token: string;
  by: "provision" | "rotation";
  /** The ordinal of the provision, or of the rotation since the last provision. */
  ordinal: number;
}

/**
 * A {@link Provisioner} that passes every call to another and remembers what the checks need to
 * know: each provision's token and URL, and each token written in place.
 */
export class RecordingProvisioner implements Provisioner {
  readonly name: string;
  readonly #inner: Provisioner;
  readonly #provisions: ProvisionRecord[] = [];
  readonly #tokens: TokenWrite[] = [];

  constructor(inner: Provisioner) {
    this.#inner = inner;
    this.name = inner.name;
  }

  provisions(workspaceId: string): ProvisionRecord[] {
    return this.#provisions.filter((record) => record.workspaceId === workspaceId);
  }

  tokenWrites(workspaceId: string): TokenWrite[] {
    return this.#tokens.filter((write) => write.workspaceId === workspaceId);
  }

  async provision(request: ProvisionRequest): Promise<ProvisionResult> {
    const token = tokenIn(request.files);
    const record: ProvisionRecord = {
      workspaceId: request.workspaceId,
      ordinal: this.provisions(request.workspaceId).length + 1,
      startedAt: Date.now(),
      ...(token === undefined ? {} : { token }),
    };
    this.#provisions.push(record);
    if (token !== undefined) {
      this.#tokens.push({
        workspaceId: request.workspaceId,
        at: record.startedAt,
        token,
        by: "provision",
        ordinal: record.ordinal,
      });
    }
    record.result = await this.#inner.provision(request);
    return record.result;
  }

  async writeConfigFiles(workspaceId: string, files: ReadonlyArray<ConfigFile>): Promise<void> {
    await this.#inner.writeConfigFiles(workspaceId, files);
    const token = tokenIn(files);
    if (token === undefined) return;
    const since = this.tokenWrites(workspaceId);
    const last = since.findLastIndex((write) => write.by === "provision");
    this.#tokens.push({
      workspaceId,
      at: Date.now(),
      token,
      by: "rotation",
      ordinal: since.length - last,
    });
  }

  stop(workspaceId: string): Promise<void> {
    return this.#inner.stop(workspaceId);
  }

  isRunning(workspaceId: string): Promise<boolean> {
    return this.#inner.isRunning(workspaceId);
  }

  remove(workspaceId: string): Promise<void> {
    return this.#inner.remove(workspaceId);
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}

function tokenIn(files: ReadonlyArray<ConfigFile>): string | undefined {
  return files.find((file) => file.path === ".auth_token")?.content.trim() || undefined;
}
