import { randomUUID } from "node:crypto";
import {
  AuthToken,
  type PlatformApiClient,
  type PlatformResponse,
  RegisterResponse,
  WorkspaceRow,
} from "@molecule-ctk/contract";
import { VerifyError } from "../verify-error.js";
import type { AgentListener } from "./agent-listener.js";
import type { PlatformVerifyOptions } from "./platform-options.js";

/** A runtime `verify platform` plays: a workspace it registered itself, and its instance token. */
export interface PlayedRuntime {
  id: string;
  token: string;
  /** The URL it registered. */
  url: string;
}

/** A workspace created through the admin API, with the token the create answered. */
export interface CreatedWorkspace {
  id: string;
  name: string;
  token: string;
}

/** The dummy BYOK credential the bash harness seeds (contract 12.2), so a container create is valid upstream. */
const HARNESS_SECRETS = { ANTHROPIC_API_KEY: "sk-ant-e2e-stub-dummy-not-a-real-key" };

/**
 * What every check works with: the client, the options, the agent listener, and the workspaces of
 * the running check (deleted again when it ends). {@link forCheck} gives each check its own scope.
 */
export class CheckContext {
  readonly #tracked: string[] = [];

  constructor(
    readonly client: PlatformApiClient,
    readonly options: PlatformVerifyOptions,
    readonly agent: AgentListener,
    /** The host registered agent URLs use for dispatch, or why the proxy cannot reach this machine. */
    readonly dispatch: { host: string } | { reason: string },
    /** Results one check leaves for another (e.g. the token cap's 429 body), and shared set-ups. */
    readonly shared: Map<string, unknown> = new Map(),
    /** The run's own context: what it tracks lives until the whole run ends. */
    readonly run?: CheckContext,
  ) {}

  /** A context of one check: what it tracks is deleted when the check ends. */
  forCheck(): CheckContext {
    return new CheckContext(
      this.client,
      this.options,
      this.agent,
      this.dispatch,
      this.shared,
      this.run ?? this,
    );
  }

  get adminToken(): string {
    return this.options.adminToken;
  }

  /** `http://localhost:<listener port><path>`: passes validateAgentURL in every mode (by name). */
  loopbackAgentUrl(path: string): string {
    return `http://localhost:${this.agent.port}${path}`;
  }

  /** The URL the proxy can dispatch to in this mode, or undefined (see {@link dispatch}). */
  dispatchUrl(path: string): string | undefined {
    if (!("host" in this.dispatch)) return undefined;
    const host = this.dispatch.host.includes(":") ? `[${this.dispatch.host}]` : this.dispatch.host;
    return `http://${host}:${this.agent.port}${path}`;
  }

  /** Registers a fresh workspace id as a runtime does on first boot (no bearer) and keeps its token. */
  async runtime(
    options: { url?: string | ((id: string) => string); card?: Record<string, unknown> } = {},
  ): Promise<PlayedRuntime> {
    const id = randomUUID();
    const given = typeof options.url === "function" ? options.url(id) : options.url;
    const url = given ?? this.loopbackAgentUrl(`/ws/${id}`);
    this.track(id);
    const response = await this.client.register(registerBody(id, url, options.card));
    const parsed = RegisterResponse.safeParse(response.body);
    if (response.status !== 200 || !parsed.success || !AuthToken.safeParse(parsed.data.auth_token).success) {
      throw new VerifyError(
        `[verify] the first register of a fresh workspace ${id} answered ${response.status} ${response.text.slice(0, 200)}: expected 200 with an auth_token (contract 4.4)`,
      );
    }
    return { id, token: parsed.data.auth_token!, url };
  }

  /** `POST /workspaces` (admin) of an external workspace without a URL: `awaiting_agent`, no container. */
  async external(label: string, extra: Record<string, unknown> = {}): Promise<CreatedWorkspace> {
    const name = `molecule-ctk verify ${label} ${randomUUID().slice(0, 8)}`;
    const body = { name, external: true, runtime: "external", delivery_mode: "push", ...extra };
    const response = await this.#create(body);
    const connection = (response.body as { connection?: { auth_token?: unknown } }).connection;
    const token = typeof connection?.auth_token === "string" ? connection.auth_token : "";
    return { id: (response.body as { id: string }).id, name, token };
  }

  /**
   * `POST /workspaces` (admin) of a container workspace, with the bash harness's body (contract 12.2
   * step 2a). `forRun` keeps it until the run ends (set-ups several checks share).
   */
  async containerWorkspace(label: string, options: { forRun?: boolean } = {}): Promise<CreatedWorkspace> {
    const name = `molecule-ctk verify ${label} ${randomUUID().slice(0, 8)}`;
    const body = {
      name,
      tier: 2,
      runtime: "claude-code",
      model: "claude-opus-4-7",
      secrets: HARNESS_SECRETS,
    };
    const response = await this.#create(body, options.forRun ? (this.run ?? this) : this);
    const token = (response.body as { auth_token?: unknown }).auth_token;
    return { id: (response.body as { id: string }).id, name, token: typeof token === "string" ? token : "" };
  }

  /** `GET /workspaces/:id?include_removed=true`: the row, removed ones included, or undefined. */
  async row(id: string): Promise<WorkspaceRow | undefined> {
    const response = await this.client.request("GET", `/workspaces/${id}?include_removed=true`, {
      token: this.adminToken,
    });
    const row = WorkspaceRow.safeParse(response.body);
    return response.status === 200 && row.success ? row.data : undefined;
  }

  /** Polls the row until `done` holds or `timeoutMs` passes; resolves with the last row seen. */
  async waitForRow(
    id: string,
    done: (row: WorkspaceRow) => boolean,
    timeoutMs: number,
  ): Promise<WorkspaceRow | undefined> {
    const deadline = Date.now() + timeoutMs;
    let row = await this.row(id);
    while (!(row && done(row)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      row = await this.row(id);
    }
    return row;
  }

  /** An A2A call through the proxy as the workspace itself (its token and `X-Workspace-ID`). */
  selfCall(runtime: { id: string; token: string }, body: unknown): Promise<PlatformResponse> {
    return this.client.a2a(runtime.id, body, { token: runtime.token, callerId: runtime.id });
  }

  /** Deletes the workspace when the check ends. */
  track(id: string): void {
    this.#tracked.push(id);
  }

  /** Deletes every workspace the check made that is not removed yet; returns what could not be. */
  async cleanup(): Promise<string[]> {
    const problems: string[] = [];
    for (const id of this.#tracked.splice(0).reverse()) {
      try {
        const row = await this.row(id);
        if (!row || row.status === "removed") continue;
        await this.client.deleteWorkspace(id, row.name);
      } catch (error) {
        problems.push(`workspace ${id}: ${(error as Error).message}`);
      }
    }
    return problems;
  }

  async #create(body: Record<string, unknown>, owner: CheckContext = this): Promise<PlatformResponse> {
    const response = await this.client.request("POST", "/workspaces", { token: this.adminToken, json: body });
    const id = (response.body as { id?: unknown } | undefined)?.id;
    if (response.status !== 201 || typeof id !== "string") {
      throw new VerifyError(
        `[verify] POST /workspaces ${JSON.stringify(body)} answered ${response.status} ${response.text.slice(0, 200)}: expected 201 with an id (contract 9)`,
      );
    }
    owner.track(id);
    return response;
  }
}

/** A register body as a runtime sends it (contract 4.1), push mode. */
export function registerBody(id: string, url: string | undefined, card?: Record<string, unknown>) {
  return {
    id,
    ...(url === undefined ? {} : { url }),
    agent_card: card ?? {
      name: `molecule-ctk verify ${id.slice(0, 8)}`,
      description: "verify platform",
      skills: [],
    },
    delivery_mode: "push",
  };
}

/** A heartbeat as a healthy idle runtime sends it (contract 5.1). */
export function heartbeatBody(id: string) {
  return {
    workspace_id: id,
    error_rate: 0,
    sample_error: "",
    active_tasks: 0,
    uptime_seconds: 1,
    current_task: "",
  };
}
