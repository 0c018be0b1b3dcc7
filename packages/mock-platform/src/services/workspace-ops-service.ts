import {
  ApprovalDecisionRequest,
  PlatformMessages as M,
  RestartRequest,
  RestartResponse,
  SecretWriteRequest,
  SecretWriteResponse,
  safeParseContract,
  TokenMintResponse,
  workspaceConfigVolumeName,
} from "@molecule-ctk/contract";
import type { PlatformContext } from "../context/platform-context.js";
import { errorReply, type HttpReply, reply } from "../http/http-reply.js";
import { isExternal, type WorkspaceRecord } from "../state/workspace-record.js";
import type { ApiCaller } from "./api-auth.js";
import type { LifecycleService } from "./lifecycle-service.js";
import type { WorkspaceCrudService } from "./workspace-crud-service.js";

/** `maxTokensPerWorkspace` of the admin mint route (contract 3.2). */
export const MAX_TOKENS_PER_WORKSPACE = 50;

const ANCESTOR_PAUSED = M.ancestorPaused;

/** Secrets, restart, token mint and approval decisions of the workspace API (contract 3.2, 8.6, 9). */
export class WorkspaceOpsService {
  constructor(
    private readonly ctx: PlatformContext,
    private readonly lifecycle: LifecycleService,
    private readonly crud: WorkspaceCrudService,
  ) {}

  /** Saves a secret; any writer but the workspace itself (or a platform root) triggers a restart (core#2573). */
  writeSecret(id: string, body: unknown, caller: ApiCaller): HttpReply {
    const found = this.crud.lookup(id);
    if (!found.ok) return found.reply;
    const parsed = safeParseContract(SecretWriteRequest, body, "secret body");
    if (!parsed.ok) return errorReply(400, M.invalidRequestBody);
    const { key, value } = parsed.value;
    found.row.secrets[key] = value;
    const selfWrite = caller.kind === "workspace" && caller.workspaceId === id;
    if (!selfWrite && found.row.kind !== "platform") this.lifecycle.restartById(id, "secret_written");
    return reply(SecretWriteResponse, 200, { status: "saved", key });
  }

  /** The restart route (contract 8.6): 200 once the row is provisioning and the old container is gone. */
  async restart(id: string, rawBody: string, resetQuery: boolean): Promise<HttpReply> {
    let body: unknown = {};
    if (rawBody.trim() !== "") {
      try {
        body = JSON.parse(rawBody);
      } catch {
        return errorReply(400, M.invalidJsonBody);
      }
    }
    const parsed = safeParseContract(RestartRequest, body, "restart body");
    if (!parsed.ok) return errorReply(400, M.invalidJsonBody);
    const found = this.crud.lookup(id);
    if (!found.ok) return found.reply.status === 410 ? errorReply(404, M.workspaceNotFound) : found.reply;
    const row = found.row;
    if (this.#pausedAncestor(row)) return errorReply(409, ANCESTOR_PAUSED);
    if (isExternal(row)) return reply(RestartResponse, 200, { status: "noop" });
    if (!this.ctx.options.provisioner) return errorReply(503, M.provisionerUnavailable);
    await this.lifecycle.restart(id, "restart_api");
    return reply(RestartResponse, 200, {
      status: "provisioning",
      config_dir: workspaceConfigVolumeName(id),
      reset_session: resetQuery || parsed.value.reset === true,
    });
  }

  /** `POST /admin/workspaces/:id/tokens`: 201 with an api-kind token, 429 at the live-token cap. */
  mintToken(id: string): HttpReply {
    const found = this.crud.lookup(id);
    if (!found.ok) return found.reply.status === 410 ? errorReply(404, M.workspaceNotFound) : found.reply;
    const { tokens } = this.ctx.state;
    if (tokens.live(id).length >= MAX_TOKENS_PER_WORKSPACE) return errorReply(429, M.tooManyTokens);
    const { token } = tokens.mint(id, "api");
    return reply(TokenMintResponse, 201, { auth_token: token, workspace_id: id, message: M.tokenSaveNow });
  }

  /** `POST /workspaces/:id/approvals/:approvalId/decide`. */
  decide(id: string, approvalId: string, body: unknown): HttpReply {
    const approval = this.ctx.state.approvals.get(approvalId);
    if (!approval || approval.workspaceId !== id) return errorReply(404, M.approvalNotFound);
    const parsed = safeParseContract(ApprovalDecisionRequest, body, "approval decision body");
    if (!parsed.ok) return errorReply(400, M.invalidRequestBody);
    if (approval.status === "pending") {
      approval.status = parsed.value.decision;
      approval.decidedBy = parsed.value.decided_by ?? null;
    }
    // The contract does not spell this body out; the mock platform answers with the decision.
    return { status: 200, body: { status: parsed.value.decision, approval_id: approval.id } };
  }

  #pausedAncestor(row: WorkspaceRecord): boolean {
    const seen = new Set<string>();
    for (let id = row.parentId; id !== null && !seen.has(id); ) {
      seen.add(id);
      const parent = this.ctx.state.workspaces.get(id);
      if (!parent) return false;
      if (parent.status === "paused") return true;
      id = parent.parentId;
    }
    return false;
  }
}
