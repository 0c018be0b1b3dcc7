import type { CheckLevel } from "../../report/check-result.js";

/** A check `verify runtime` runs: its id, RFC 2119 level, the contract section it enforces, and what it asks. */
export interface RuntimeCheck {
  id: string;
  level: CheckLevel;
  section: string;
  /** One sentence: what a conforming runtime does. */
  asks: string;
}

/** Every check of `verify runtime`, in the order the report lists them. */
export const RUNTIME_CHECKS = [
  // A provisioned boot (contract 8, 10.3, 10.4)
  {
    id: "boot.listens-before-register",
    level: "MUST",
    section: "contract 10.3",
    asks: "answers HTTP on its port before its first register reaches the platform",
  },
  {
    id: "register.prompt",
    level: "MUST",
    section: "contract 10.4",
    asks: "registers, and the platform accepts it, within the boot bound (--boot-seconds)",
  },
  {
    id: "register.url",
    level: "MUST",
    section: "contract 10.2",
    asks: "registers the URL the platform gave it in MOLECULE_WORKSPACE_URL, not a :8000 fallback (#2851, #11798)",
  },
  {
    id: "heartbeat.first",
    level: "MUST",
    section: "contract 10.3",
    asks: "sends its first heartbeat at once, without waiting for register to succeed (#1784)",
  },
  {
    id: "heartbeat.cadence",
    level: "MUST",
    section: "contract 5.1",
    asks: "keeps the promised cadence: no gap between heartbeats longer than --beat-seconds (with a margin)",
  },
  {
    id: "status.online",
    level: "MUST",
    section: "contract 6.2",
    asks: "brings its workspace from provisioning to online",
  },
  // Bodies and bearers, over the whole run (contract 4, 5)
  {
    id: "register.body",
    level: "MUST",
    section: "contract 4.1",
    asks: "sends register bodies the contract package's RegisterRequest accepts",
  },
  {
    id: "register.body-ssot",
    level: "SHOULD",
    section: "contract 4.1",
    asks: "sends register bodies upstream's SSOT schema accepts (a named agent_card, no unknown fields)",
  },
  {
    id: "register.bearer",
    level: "MUST",
    section: "contract 4.2",
    asks: "carries the current .auth_token of its config volume as the bearer of every register (#215)",
  },
  {
    id: "heartbeat.body",
    level: "MUST",
    section: "contract 5.1",
    asks: "sends heartbeat bodies the contract package's HeartbeatRequest accepts",
  },
  {
    id: "heartbeat.body-ssot",
    level: "SHOULD",
    section: "contract 5.1",
    asks: "sends heartbeat bodies upstream's SSOT schema accepts (no unknown fields)",
  },
  {
    id: "heartbeat.bearer",
    level: "MUST",
    section: "contract 10.4",
    asks: "carries the current .auth_token of its config volume as the bearer of every heartbeat",
  },
  // A first-ever boot with the platform down (contract 4.2, 4.4, 10.4)
  {
    id: "register.bootstrap-no-bearer",
    level: "MUST",
    section: "contract 4.2",
    asks: "sends no Authorization header while its config volume holds no token (the bootstrap register)",
  },
  {
    id: "register.bootstrap-token",
    level: "MUST",
    section: "contract 4.4",
    asks: "keeps the auth_token a bootstrap register returns and beats with it",
  },
  {
    id: "boot.platform-unreachable",
    level: "MUST",
    section: "contract 10.4",
    asks: "retries while the platform is unreachable at boot and comes online once it appears",
  },
  // A2A through the platform's proxy, and JSON-RPC (contract 7, 10.5, 11)
  {
    id: "a2a.agent-card",
    level: "SHOULD",
    section: "contract 11",
    asks: "serves a valid A2A v0.3 agent card at /.well-known/agent-card.json",
  },
  {
    id: "a2a.message-send",
    level: "MUST",
    section: "contract 7.6",
    asks: "answers message/send through the platform's proxy with a valid A2A Message or Task",
  },
  {
    id: "a2a.role-agent",
    level: "MUST",
    section: "contract 10.5",
    asks: "answers as role agent",
  },
  {
    id: "a2a.parts-kind",
    level: "MUST",
    section: "contract 11",
    asks: "keys every part of its answer by kind, not the v0.2 type (#2345)",
  },
  {
    id: "a2a.id-preserved",
    level: "MUST",
    section: "contract 7.3",
    asks: "answers with the JSON-RPC id of the caller's request",
  },
  {
    id: "jsonrpc.parse-error",
    level: "SHOULD",
    section: "contract 11",
    asks: "answers a body that is not JSON with error -32700 and id null",
  },
  {
    id: "jsonrpc.invalid-request",
    level: "SHOULD",
    section: "contract 11",
    asks: "answers a request without a method, or not JSON-RPC 2.0, with error -32600",
  },
  {
    id: "jsonrpc.method-not-found",
    level: "SHOULD",
    section: "contract 10.5",
    asks: "answers an unknown method with error -32601 and the request's id",
  },
  {
    id: "jsonrpc.invalid-params",
    level: "SHOULD",
    section: "contract 11",
    asks: "answers message/send with invalid params with error -32602",
  },
  // Tokens rotated both ways, a 401, the platform restarting (contract 3.2, 8.6, 10.4, 14)
  {
    id: "token.401-reregister",
    level: "MUST",
    section: "contract 10.4",
    asks: "re-registers after a heartbeat gets 401, and its heartbeats resume",
  },
  {
    id: "token.rotation-in-place",
    level: "MUST",
    section: "contract 14",
    asks: "beats with the new token within a beat of it being written into the running workspace's volume (#1877)",
  },
  {
    id: "token.reprovision",
    level: "MUST",
    section: "contract 8.6",
    asks: "comes back online after a re-provision (new container or process, rotated token) and beats with the new token",
  },
  {
    id: "platform.restart",
    level: "MUST",
    section: "contract 14",
    asks: "survives the platform going away and coming back having lost its state: keeps running, beats accepted again",
  },
  // Shutdown
  {
    id: "shutdown.sigterm",
    level: "SHOULD",
    section: "contract 10.1",
    asks: "exits within 5 s of SIGTERM (as PID 1 too, so docker stop need not wait its 10 s)",
  },
] as const satisfies ReadonlyArray<RuntimeCheck>;

export type RuntimeCheckId = (typeof RUNTIME_CHECKS)[number]["id"];

const BY_ID = new Map<string, RuntimeCheck>(RUNTIME_CHECKS.map((check) => [check.id, check]));

export function runtimeCheck(id: RuntimeCheckId): RuntimeCheck {
  return BY_ID.get(id)!;
}
