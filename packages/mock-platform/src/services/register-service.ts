import {
  type ContractValidationError,
  PlatformMessages as M,
  type RegisterAgentCard,
  RegisterRequest,
  RegisterResponse,
  safeParseContract,
  UpdateCardRequest,
  UpdateCardResponse,
  WorkspaceId,
} from "@molecule-ctk/contract";
import type { PlatformContext } from "../context/platform-context.js";
import { errorReply, type HttpReply, reply } from "../http/http-reply.js";
import type { PlatformMutant } from "../mutants/platform-mutants.js";
import type { LivenessKeys } from "../state/liveness-keys.js";
import type { TokenRecord } from "../state/token-store.js";
import { isExternal, newWorkspaceRecord, type WorkspaceRecord } from "../state/workspace-record.js";
import { workspaceLimitError } from "../state/workspace-store.js";
import { isSafeURL, validateAgentURL } from "../url-safety/url-safety.js";
import { liftsProvisioning, requireWorkspaceToken } from "./registry-auth.js";

const GUARDED = new Set(["removed", "paused", "hibernated"]);
// What the #73 and core#2332 guards leave out under the mutants that break them.
const UNGUARDED: Partial<Record<PlatformMutant, string[]>> = {
  "resurrects-removed": ["removed"],
  "register-unpauses": ["paused", "hibernated"],
};
const UUID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `POST /registry/register` and `POST /registry/update-card` (contract 4). */
export class RegisterService {
  constructor(
    private readonly ctx: PlatformContext,
    private readonly liveness: LivenessKeys,
  ) {}

  /** Register: bind, token gate, then the authenticated part, whose non-200 stamps the row (core#2585). */
  async register(raw: unknown, authorization: string | null): Promise<HttpReply> {
    const body = withoutEmpty(raw, ["delivery_mode", "kind"]);
    const parsed = safeParseContract(RegisterRequest, body, "register body");
    if (!parsed.ok) return badRegisterBody(body, parsed.error);
    const payload = parsed.value;
    const auth = requireWorkspaceToken(this.ctx, authorization, payload.id);
    if (!auth.ok) return auth.reply;
    const result = await this.#registerAuthenticated(
      payload,
      auth.liveInstanceTokensBefore === 0,
      auth.token,
    );
    const row = this.ctx.state.workspaces.get(payload.id);
    if (row) row.lastRegisterFailureAt = result.status === 200 ? null : Date.now();
    if (result.status !== 200) {
      this.ctx.events.emit("REGISTER_FAILED", payload.id, { status: result.status, body: result.body });
    }
    return result;
  }

  /** Update-card: same gate; the card URL must pass isSafeURL (contract 4.5). */
  async updateCard(body: unknown, authorization: string | null): Promise<HttpReply> {
    const parsed = safeParseContract(UpdateCardRequest, body, "update-card body");
    if (!parsed.ok) return errorReply(400, M.invalidRequestBody);
    const { workspace_id: id, agent_card: card } = parsed.value;
    const auth = requireWorkspaceToken(this.ctx, authorization, id);
    if (!auth.ok) return auth.reply;
    if (
      typeof card.url === "string" &&
      card.url !== "" &&
      !(await isSafeURL(card.url, this.ctx.options)).ok
    ) {
      return errorReply(400, M.workspaceUrlNotAllowed);
    }
    const row = this.ctx.state.workspaces.get(id);
    if (row && row.status !== "removed") {
      row.agentCard = reconcileCard(card, row);
      row.updatedAt = Date.now();
      this.ctx.events.emit("AGENT_CARD_UPDATED", id, { agent_card: row.agentCard });
    }
    return reply(UpdateCardResponse, 200, { status: "updated" });
  }

  async #registerAuthenticated(
    payload: RegisterRequest,
    noLiveInstanceToken: boolean,
    token: TokenRecord | undefined,
  ): Promise<HttpReply> {
    const { state, events, options } = this.ctx;
    const row = state.workspaces.get(payload.id);
    const unguarded = (options.mutant && UNGUARDED[options.mutant]) ?? [];
    const guarded = (status: string) => GUARDED.has(status) && !unguarded.includes(status);
    if (payload.kind === "platform" && row?.kind !== "platform")
      return errorReply(403, M.platformKindForbidden);
    const mode = payload.delivery_mode ?? row?.deliveryMode ?? (row && isExternal(row) ? "poll" : "push");
    const card = payload.agent_card;
    const cardUrl = typeof card.url === "string" ? card.url : "";
    let url = payload.url ?? "";
    if (mode === "push" && !(options.mutant === "push-without-url" && url === "" && cardUrl === "")) {
      // registry.go Register: the card URL first, then the fallback, then validateAgentURL.
      if (cardUrl !== "" && !(await isSafeURL(cardUrl, options)).ok)
        return errorReply(400, M.agentCardUrlNotAllowed);
      url ||= cardUrl; // cross-cloud: an empty top-level url falls back to the card's
      if (url === "") return errorReply(400, M.pushUrlRequired);
      const check = await validateAgentURL(url, options);
      if (!check.ok) return errorReply(400, check.error);
    }
    if (row?.kind === "platform" && (!row.secrets.MODEL || payload.mcp_server_present === false)) {
      state.workspaces.setStatus(row, "failed", "platform_identity_incomplete");
      return errorReply(400, M.platformIdentityIncomplete);
    }
    if (!WorkspaceId.safeParse(payload.id).success) return errorReply(500, M.registrationFailed); // uuid column
    const now = Date.now();
    if (!row) {
      if (!state.workspaces.makeRoom()) return errorReply(503, workspaceLimitError());
      state.workspaces.insert(
        newWorkspaceRecord({
          id: payload.id,
          name: payload.id,
          url,
          agentCard: card,
          status: "online",
          deliveryMode: mode,
          lastHeartbeatAt: now,
          provisioningSince: null,
        }),
      );
    } else if (!guarded(row.status)) {
      row.agentCard = reconcileCard(card, row);
      row.url =
        options.mutant === "overwrites-localhost-url"
          ? aprilPreservedUrl(row.url, url)
          : preservedUrl(row.url, url);
      row.deliveryMode = mode;
      row.lastHeartbeatAt = now;
      row.updatedAt = now;
      const earlierProvision = row.status === "provisioning" && !liftsProvisioning(row, token);
      if (row.kind !== "platform" && !earlierProvision) {
        row.provisionGate = null;
        state.workspaces.setStatus(row, "online", "register");
      }
    }
    const current = state.workspaces.get(payload.id);
    if (current && !guarded(current.status)) {
      this.liveness.set(payload.id);
      events.emit("WORKSPACE_ONLINE", payload.id, {
        url: current.url,
        agent_card: current.agentCard,
        delivery_mode: mode,
      });
    }
    const body: RegisterResponse = {
      status: "registered",
      delivery_mode: mode,
      platform_inbound_secret: state.inboundSecret(payload.id),
    };
    const everyTime = options.mutant === "token-on-every-register";
    if ((noLiveInstanceToken || everyTime) && current?.status !== "removed") {
      body.auth_token = state.tokens.mint(payload.id, "instance").token;
    }
    return reply(RegisterResponse, 200, body);
  }
}

/** The body without the given keys when they are "" (Go's `!= ""` guards read them as absent). */
function withoutEmpty(body: unknown, keys: string[]): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const key of keys) if (out[key] === "") delete out[key];
  return out;
}

/** The 400 of a body that does not bind: the specific enum messages, else "invalid request body". */
function badRegisterBody(body: unknown, error: ContractValidationError): HttpReply {
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const only = (field: string) =>
    typeof record[field] === "string" && error.issues.every((issue) => issue.path[0] === field);
  if (only("delivery_mode")) return errorReply(400, M.deliveryModeInvalid);
  if (only("kind")) return errorReply(400, M.kindInvalid);
  return errorReply(400, M.invalidRequestBody);
}

/**
 * URL preservation (#11798): keep the stored URL when it is a provisioner host-port URL
 * (`http://127.0.0.1:` or `http://localhost:`, port not 8000); otherwise take the payload's.
 */
export function preservedUrl(existing: string | null, payload: string): string {
  if (existing && /^http:\/\/(127\.0\.0\.1|localhost):/.test(existing)) {
    const port = /^http:\/\/[^/:]+:(\d+)/.exec(existing)?.[1];
    if (port !== "8000") return existing;
  }
  return payload;
}

// April's rule, the mutant "overwrites-localhost-url": only `http://127.0.0.1` URLs were kept (#11798).
function aprilPreservedUrl(existing: string | null, payload: string): string {
  return existing?.startsWith("http://127.0.0.1") ? existing : payload;
}

/** Identity reconcile (contract 4.1): a missing or UUID-like name, description or role comes from the row. */
export function reconcileCard(card: RegisterAgentCard, row: WorkspaceRecord): RegisterAgentCard {
  if (Object.keys(card).length === 0 && row.agentCard) return row.agentCard; // never downgraded
  const out: RegisterAgentCard = { ...card };
  const fill = (key: string, value: string | null) => {
    const current = out[key];
    if (value !== null && (typeof current !== "string" || current === "" || UUID_LIKE.test(current))) {
      if (!UUID_LIKE.test(value)) out[key] = value;
    }
  };
  fill("name", row.name);
  fill("description", row.role);
  fill("role", row.role);
  return out;
}
