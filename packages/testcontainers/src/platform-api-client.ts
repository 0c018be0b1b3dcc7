import {
  type CreateWorkspaceRequest,
  CreateWorkspaceResponse,
  DeletePendingApprovalResponse,
  DeleteRemovedResponse,
  parseContract,
  SecretWriteResponse,
  TokenMintResponse,
  WorkspaceList,
  type WorkspaceRow,
  WorkspaceRow as WorkspaceRowSchema,
} from "@molecule-ctk/contract";
import type { z } from "zod";
import { KitContainerError } from "./testcontainers-error.js";

/** An HTTP answer: status, parsed JSON body (or undefined), the raw text and headers. */
export interface PlatformResponse<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** The platform answered with a status the caller did not expect. */
export class PlatformRequestError extends KitContainerError {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly text: string,
  ) {
    super(`[platform-api] ${method} ${path} answered ${status}: ${text.slice(0, 300)}`);
  }
}

/** The platform did not answer (refused, reset, or no answer within the deadline). */
export class PlatformUnreachableError extends KitContainerError {}

/** Options of every call: a bearer, extra headers, a deadline. */
export interface CallOptions {
  token?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** Options of an A2A call: the bearer and the caller id sent as `X-Workspace-ID`. */
export type CallerOptions = CallOptions & { callerId?: string };

function withCaller(options: CallerOptions): CallOptions {
  const { callerId, ...rest } = options;
  return callerId ? { ...rest, headers: { ...rest.headers, "X-Workspace-ID": callerId } } : rest;
}

/**
 * A typed client of the platform's HTTP API, the calls the bash lifecycle harness makes (contract
 * 12.1-12.2). Every success body is checked against the contract package, so a run against a real
 * platform is also a contract check of that platform.
 */
export class PlatformApiClient {
  readonly baseUrl: string;
  readonly adminToken: string | undefined;
  readonly #timeoutMs: number;

  constructor(options: { baseUrl: string; adminToken?: string; timeoutMs?: number }) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.adminToken = options.adminToken;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** `GET /health` status. */
  async health(): Promise<number> {
    return (await this.request("GET", "/health", { timeoutMs: 2_000 })).status;
  }

  /** `POST /workspaces` (admin): 201 with the id and an api token. */
  async createWorkspace(
    body: z.input<typeof CreateWorkspaceRequest>,
  ): Promise<z.infer<typeof CreateWorkspaceResponse>> {
    const response = await this.request("POST", "/workspaces", { token: this.adminToken, json: body });
    return this.expect(response, 201, CreateWorkspaceResponse, "POST /workspaces");
  }

  /** `POST /admin/workspaces/:id/tokens` (admin): 201 with a fresh api token. */
  async mintToken(workspaceId: string): Promise<string> {
    const path = `/admin/workspaces/${workspaceId}/tokens`;
    const response = await this.request("POST", path, { token: this.adminToken });
    return this.expect(response, 201, TokenMintResponse, `POST ${path}`).auth_token;
  }

  /** `POST /workspaces/:id/secrets` with a workspace token (a self-write: no restart). */
  async writeSecret(workspaceId: string, token: string, key: string, value: string): Promise<void> {
    const path = `/workspaces/${workspaceId}/secrets`;
    const response = await this.request("POST", path, { token, json: { key, value } });
    this.expect(response, 200, SecretWriteResponse, `POST ${path}`);
  }

  /**
   * `POST /workspaces/:id/restart` with body `{}`; the caller checks the answer. The platform
   * force-removes the old container before it answers, behind any provision still running, so
   * this waits up to two minutes (the harness's curl has no deadline at all).
   */
  restart(workspaceId: string, token: string): Promise<PlatformResponse> {
    return this.request("POST", `/workspaces/${workspaceId}/restart`, {
      token,
      json: {},
      timeoutMs: 120_000,
    });
  }

  /** `GET /workspaces/:id` (admin). */
  async getWorkspace(workspaceId: string): Promise<WorkspaceRow> {
    const path = `/workspaces/${workspaceId}`;
    return this.expect(
      await this.request("GET", path, { token: this.adminToken }),
      200,
      WorkspaceRowSchema,
      `GET ${path}`,
    );
  }

  /** `GET /workspaces` (admin), checked as a list of rows; `text` keeps the raw body for the harness's grep. */
  async listWorkspaces(): Promise<{ rows: WorkspaceRow[]; text: string }> {
    const response = await this.request("GET", "/workspaces", { token: this.adminToken });
    return { rows: this.expect(response, 200, WorkspaceList, "GET /workspaces"), text: response.text };
  }

  /** `POST /workspaces/:id/a2a` as the harness sends it: workspace bearer and `X-Workspace-ID` (a self-call). */
  a2a(workspaceId: string, body: unknown, options: CallerOptions = {}): Promise<PlatformResponse> {
    return this.request("POST", `/workspaces/${workspaceId}/a2a`, { ...withCaller(options), json: body });
  }

  /** `GET /workspaces/:id/a2a/queue/:queueId` with the same caller headers as the A2A call. */
  queueStatus(workspaceId: string, queueId: string, options: CallerOptions = {}): Promise<PlatformResponse> {
    return this.request("GET", `/workspaces/${workspaceId}/a2a/queue/${queueId}`, withCaller(options));
  }

  /**
   * `DELETE /workspaces/:id?confirm=true` with `X-Confirm-Name`, through the approval gate as
   * `e2e_gated_admin_op` does: a `pending_approval` answer is approved, then the request is re-sent once.
   */
  async deleteWorkspace(workspaceId: string, name: string): Promise<void> {
    const path = `/workspaces/${workspaceId}?confirm=true`;
    // The platform stops the containers and removes the volumes before it answers: under load that
    // waits behind running provisions, so allow as long as a restart.
    const send = () =>
      this.request("DELETE", path, {
        token: this.adminToken,
        headers: { "X-Confirm-Name": name },
        timeoutMs: 120_000,
      });
    let response = await send();
    const pending = DeletePendingApprovalResponse.safeParse(response.body);
    if (response.status === 202 && pending.success) {
      const decide = `/workspaces/${workspaceId}/approvals/${pending.data.approval_id}/decide`;
      const decision = await this.request("POST", decide, {
        token: this.adminToken,
        json: { decision: "approved", decided_by: "molecule-ctk-e2e" },
      });
      if (decision.status >= 300)
        throw new PlatformRequestError("POST", decide, decision.status, decision.text);
      response = await send();
    }
    this.expect(response, 200, DeleteRemovedResponse, `DELETE ${path}`);
  }

  /** One HTTP call with a deadline; the body is parsed as JSON when it is JSON. */
  async request(
    method: string,
    path: string,
    options: CallOptions & { json?: unknown } = {},
  ): Promise<PlatformResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.json !== undefined) headers["Content-Type"] = "application/json";
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: "manual",
      });
    } catch (error) {
      const reason =
        (error as Error).name === "TimeoutError"
          ? `no answer within ${timeoutMs} ms`
          : (error as Error).message;
      throw new PlatformUnreachableError(`[platform-api] ${method} ${this.baseUrl}${path}: ${reason}`, {
        cause: error,
      });
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: response.status, body, text, headers: response.headers };
  }

  private expect<S extends z.ZodType>(
    response: PlatformResponse,
    status: number,
    schema: S,
    what: string,
  ): z.output<S> {
    if (response.status !== status) {
      const [method = "", path = ""] = what.split(" ");
      throw new PlatformRequestError(method, path, response.status, response.text);
    }
    return parseContract(schema, response.body, `[platform-api] ${what} (${status})`);
  }
}
