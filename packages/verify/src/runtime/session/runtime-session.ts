import { randomBytes } from "node:crypto";
import {
  createMockPlatform,
  type MockPlatform,
  type StartedMockPlatformServer,
  startMockPlatformServer,
} from "@molecule-ctk/mock-platform";
import { http } from "msw";
import type { HttpAnswer } from "../judges/a2a-judges.js";
import type { VolumeToken } from "../judges/bearer-judge.js";
import { type ObservedCall, observeCall } from "../judges/observed-call.js";
import { RecordingProvisioner } from "../subjects/recording-provisioner.js";
import type { RuntimeSubject } from "../subjects/runtime-subject.js";
import type { RunTimings } from "./run-timings.js";
import { hash12 } from "./token-fingerprint.js";

/** Whether a runtime answered HTTP when its first register of a provision reached the platform. */
export interface ListenProbe {
  workspaceId: string;
  /** Which provision of the workspace the register belongs to. */
  provision: number;
  listening: boolean;
  problem?: string;
}

/** The workspaces of a run, by the name the report gives them. */
export type WorkspaceLabel = "bootstrap" | "provisioned";

/**
 * One run's embedded mock platform, driving the subject's provisioner, and what the checks read from
 * it: the journal as observed calls, the tokens each config volume held, the listen probes.
 */
export class RuntimeSession {
  readonly platform: MockPlatform;
  readonly provisioner: RecordingProvisioner;
  readonly subject: RuntimeSubject;
  readonly timings: RunTimings;
  readonly adminToken = `verify-admin-${randomBytes(12).toString("hex")}`;
  readonly baseUrl: string;
  readonly probes: ListenProbe[] = [];
  readonly labels = new Map<string, WorkspaceLabel>();
  readonly #signal: AbortSignal;
  #server: StartedMockPlatformServer | undefined;

  constructor(subject: RuntimeSubject, timings: RunTimings, signal: AbortSignal) {
    this.subject = subject;
    this.timings = timings;
    this.#signal = signal;
    this.provisioner = new RecordingProvisioner(subject.provisioner);
    this.baseUrl = `http://127.0.0.1:${subject.platformPort}`;
    this.platform = createMockPlatform({
      baseUrl: this.baseUrl,
      adminToken: this.adminToken,
      deployMode: "development", // as upstream CI runs it: the proxy reaches localhost workspaces
      provisioner: this.provisioner,
      platformUrl: subject.platformUrl,
      healthSweepIntervalMs: 0,
      provisionSweepIntervalMs: 0,
      journalLimit: 10_000,
      journalBodyBytes: 64 * 1024,
    });
  }

  get listening(): boolean {
    return this.#server !== undefined;
  }

  /** Starts serving the platform on the subject's hosts and port. */
  async listen(): Promise<void> {
    const [host = "127.0.0.1", ...extraHosts] = this.subject.listenHosts;
    const served = { ...this.platform, handlers: [this.#listenProbe(), ...this.platform.handlers] };
    this.#server = await startMockPlatformServer({
      platform: served,
      host,
      port: this.subject.platformPort,
      extraHosts,
    });
  }

  async close(): Promise<void> {
    if (this.#server) await this.#server.close();
    else await this.platform.close();
  }

  /** Polls `probe` every 50 ms until it gives a value or `timeoutMs` passes (undefined then). */
  async until<T>(
    probe: () => T | undefined | Promise<T | undefined>,
    timeoutMs: number,
  ): Promise<T | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.#signal.throwIfAborted();
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      if (Date.now() >= deadline) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Waits `ms` (abortable). */
  async pause(ms: number): Promise<void> {
    await this.until(() => undefined, ms);
  }

  /** The registers or heartbeats of a workspace the platform received, oldest first. */
  calls(path: "/registry/register" | "/registry/heartbeat", workspaceId: string, since = 0): ObservedCall[] {
    const label = this.labels.get(workspaceId) ?? "provisioned";
    return this.platform.journal
      .find({ method: "POST", path, workspaceId, since })
      .map((entry) => observeCall(entry, label));
  }

  /** The journal's latest sequence number. */
  journalCursor(): number {
    return this.platform.journal.find().at(-1)?.seq ?? 0;
  }

  /** Calls for workspace ids the run never made (a runtime that reports another id). */
  strangerCalls(): string[] {
    const known = new Set(this.labels.keys());
    return [
      ...new Set(
        this.platform.journal
          .find({ method: "POST" })
          .filter(
            (e) =>
              e.path.startsWith("/registry/") && e.workspaceId !== undefined && !known.has(e.workspaceId),
          )
          .map((e) => e.workspaceId!),
      ),
    ];
  }

  /** The tokens the workspace's config volume held, in order, named for the report. */
  volumeTokens(workspaceId: string): VolumeToken[] {
    return this.provisioner.tokenWrites(workspaceId).map((write) => ({
      at: write.at,
      hash12: hash12(write.token),
      label:
        write.by === "provision"
          ? `the token of provision ${write.ordinal}`
          : `the token rotated in place (rotation ${write.ordinal})`,
    }));
  }

  /** The fingerprints of the instance tokens the platform minted at a register of the workspace (bootstrap). */
  issuedTokenHashes(workspaceId: string): string[] {
    const written = new Set(this.provisioner.tokenWrites(workspaceId).map((write) => hash12(write.token)));
    return this.platform.state.tokens
      .all()
      .filter((record) => record.workspaceId === workspaceId && record.kind === "instance")
      .map((record) => record.tokenHash.slice(0, 12))
      .filter((hash) => !written.has(hash));
  }

  /** Where the workspace's latest provision listens, as this process reaches it. */
  runtimeUrl(workspaceId: string): string | undefined {
    const url = this.provisioner.provisions(workspaceId).at(-1)?.result?.url;
    return url?.replace("//localhost:", "//127.0.0.1:");
  }

  /** Calls the platform's HTTP API. */
  api(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    return send(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  }

  /** Calls the runtime directly (not through the proxy). */
  direct(
    workspaceId: string,
    path: string,
    init: RequestInit = {},
  ): Promise<HttpAnswer | { problem: string }> {
    const url = this.runtimeUrl(workspaceId);
    if (url === undefined) return Promise.resolve({ problem: "the runtime has no URL yet" });
    return send(`${url}${path}`, init);
  }

  // Probes the runtime at the first register of each of its provisions, before the platform answers it.
  #listenProbe() {
    return http.post(`${this.baseUrl}/registry/register`, async ({ request }) => {
      const id = await request
        .clone()
        .json()
        .then((body: unknown) => (body as { id?: unknown } | null)?.id)
        .catch(() => undefined);
      if (typeof id !== "string") return undefined;
      if (!this.labels.has(id)) return undefined;
      const provision = this.provisioner.provisions(id).length;
      if (provision === 0 || this.probes.some((p) => p.workspaceId === id && p.provision === provision))
        return undefined;
      const probe: ListenProbe = { workspaceId: id, provision, listening: false };
      this.probes.push(probe);
      const url = await this.until(() => this.runtimeUrl(id), 2_000).catch(() => undefined);
      if (url === undefined) {
        probe.problem = "the provisioner had not said where it listens";
        return undefined;
      }
      const answer = await send(`${url}/`, { method: "GET" }, 1_000);
      probe.listening = !("problem" in answer);
      if ("problem" in answer) probe.problem = answer.problem;
      return undefined; // the platform's own handler answers the register
    });
  }
}

/** One HTTP call with a timeout; resolves the answer, or the problem when there is none. */
export async function send(
  url: string,
  init: RequestInit,
  timeoutMs = 10_000,
): Promise<HttpAnswer | { problem: string }> {
  try {
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { problem: cause?.code ?? cause?.message ?? (error as Error).message };
  }
}
