// STUB_DEFECT: a test affordance. It makes the stub break the contract in one named way, so a
// conformance checker (`verify runtime`) can prove it catches that defect. Off by default; an
// unknown name is refused at startup. Each defect is taken from upstream's incident history
// (docs/contract.md section 14) or from a quirk of the reference stub.

/** Every defect the stub can be told to have: what it breaks, and where it comes from. */
export const STUB_DEFECTS = {
  // Registry and tokens
  "cache-first-token": "reads .auth_token once at boot and keeps sending that token (#1877)",
  "register-without-bearer": "registers without the volume token as bearer (#215)",
  "bearer-without-token": 'sends "Authorization: Bearer undefined" when it holds no token',
  "ignore-issued-token": "drops the auth_token a bootstrap register returns",
  "register-without-card": "registers without an agent_card",
  "card-without-name": "registers a card without a name (upstream's SSOT requires one)",
  "register-8000": "registers http://localhost:8000 instead of MOLECULE_WORKSPACE_URL (#11798, #2851)",
  "short-workspace-id": "reports the first 12 characters of its workspace id (KI-013)",
  // Heartbeats
  "no-heartbeat": "never heartbeats, so a restarted workspace never leaves provisioning (#1784)",
  "slow-first-beat": "sends its first heartbeat only after four intervals",
  "slow-beats": "heartbeats at three times its interval",
  "float-uptime": "sends uptime_seconds as a fraction, which the platform's binder refuses",
  "heartbeat-extra-field": "adds a field upstream's SSOT heartbeat schema does not have",
  "heartbeat-without-bearer": "heartbeats without a bearer",
  "stop-after-401": "stops heartbeating (and never re-registers) after a 401",
  "stop-on-network-error": "stops heartbeating at the first network error",
  // Boot and shutdown
  "listen-after-register": "listens only once its first register has been answered",
  "exit-if-platform-down": "exits when its first register cannot reach the platform",
  "crash-on-reused-volume": "cannot boot on a config volume an earlier boot used (a restart)",
  "ignore-sigterm": "ignores SIGTERM, as the reference stub does as PID 1",
  // A2A and JSON-RPC (applied at the HTTP edge)
  "parts-type": "keys reply parts `type` instead of `kind` (#2345)",
  "drop-request-id": "answers with id null instead of the request's id",
  "role-user": "answers with role user",
  "reply-plain-text": "answers message/send with a bare string instead of a Message or Task",
  "canned-non-json": "answers a body that is not JSON with the canned reply, as the reference does",
  "no-request-validation": "treats a request without a method as message/send, as the reference does",
  "unknown-method-result": "answers every method with the canned reply",
  "no-params-validation": "answers message/send with bad params with the canned reply",
  "invalid-agent-card": "serves an agent card without protocolVersion, url or skills",
} as const;

export type StubDefect = keyof typeof STUB_DEFECTS;

/** The defects that change an A2A or JSON-RPC answer (see `withA2ADefect`). */
export type A2ADefect = Extract<
  StubDefect,
  | "parts-type"
  | "drop-request-id"
  | "role-user"
  | "reply-plain-text"
  | "canned-non-json"
  | "no-request-validation"
  | "unknown-method-result"
  | "no-params-validation"
  | "invalid-agent-card"
>;

const A2A_DEFECTS: ReadonlySet<StubDefect> = new Set<A2ADefect>([
  "parts-type",
  "drop-request-id",
  "role-user",
  "reply-plain-text",
  "canned-non-json",
  "no-request-validation",
  "unknown-method-result",
  "no-params-validation",
  "invalid-agent-card",
]);

export function isStubDefect(value: string): value is StubDefect {
  return Object.hasOwn(STUB_DEFECTS, value);
}

/**
 * How the stub behaves: the clean behaviour, or the one thing a defect changes. Each field is read
 * where that behaviour lives (token source, registry client, loops, boot, main, HTTP edge).
 */
export interface StubBehaviour {
  /** Re-read `.auth_token` on every call (false: the first value read is kept). */
  rereadTokenFile: boolean;
  /** Which calls carry the bearer. */
  bearerOn: { register: boolean; heartbeat: boolean };
  /** Sent as the bearer when there is no token (clean: no Authorization header at all). */
  bearerWhenNone: string | undefined;
  /** Keep the auth_token of a register response as the fallback bearer. */
  keepIssuedToken: boolean;
  /** Register the platform's MOLECULE_WORKSPACE_URL (false: the :8000 fallback). */
  registerAdvertisedUrl: boolean;
  heartbeats: boolean;
  /** The first beat waits this many intervals. */
  firstBeatDelayIntervals: number;
  /** The pause between beats is this many intervals. */
  beatIntervalFactor: number;
  /** The heartbeat loop ends on this outcome (clean: never). */
  stopBeatsOn: "401" | "network-error" | undefined;
  listenBeforeRegister: boolean;
  exitIfPlatformDownAtBoot: boolean;
  bootOnReusedVolume: boolean;
  handleSigterm: boolean;
  /** The defect applied to register and heartbeat bodies on the wire, after they were checked. */
  wireBody: StubDefect | undefined;
  a2a: A2ADefect | undefined;
}

const WIRE_DEFECTS: ReadonlySet<StubDefect> = new Set<StubDefect>([
  "register-without-card",
  "card-without-name",
  "short-workspace-id",
  "float-uptime",
  "heartbeat-extra-field",
]);

/** The stub's behaviour under `defect` (undefined: the clean stub). */
export function stubBehaviour(defect?: StubDefect): StubBehaviour {
  return {
    rereadTokenFile: defect !== "cache-first-token",
    bearerOn: {
      register: defect !== "register-without-bearer",
      heartbeat: defect !== "heartbeat-without-bearer",
    },
    bearerWhenNone: defect === "bearer-without-token" ? "undefined" : undefined,
    keepIssuedToken: defect !== "ignore-issued-token",
    registerAdvertisedUrl: defect !== "register-8000",
    heartbeats: defect !== "no-heartbeat",
    firstBeatDelayIntervals: defect === "slow-first-beat" ? 4 : 0,
    beatIntervalFactor: defect === "slow-beats" ? 3 : 1,
    stopBeatsOn:
      defect === "stop-after-401" ? "401" : defect === "stop-on-network-error" ? "network-error" : undefined,
    listenBeforeRegister: defect !== "listen-after-register",
    exitIfPlatformDownAtBoot: defect === "exit-if-platform-down",
    bootOnReusedVolume: defect !== "crash-on-reused-volume",
    handleSigterm: defect !== "ignore-sigterm",
    wireBody: defect !== undefined && WIRE_DEFECTS.has(defect) ? defect : undefined,
    a2a: defect !== undefined && A2A_DEFECTS.has(defect) ? (defect as A2ADefect) : undefined,
  };
}

/** A register or heartbeat body as a defect puts it on the wire (the clean body when none applies). */
export function wireBody(defect: StubDefect | undefined, path: string, body: object): object {
  const copy = { ...(body as Record<string, unknown>) };
  const shortId = (key: string) => {
    if (typeof copy[key] === "string") copy[key] = (copy[key] as string).slice(0, 12);
  };
  switch (defect) {
    case "register-without-card":
      if (path === "/registry/register") delete copy.agent_card;
      break;
    case "card-without-name":
      if (path === "/registry/register" && typeof copy.agent_card === "object") {
        const { name: _name, ...card } = copy.agent_card as Record<string, unknown>;
        copy.agent_card = card;
      }
      break;
    case "short-workspace-id":
      shortId("id");
      shortId("workspace_id");
      break;
    case "float-uptime":
      if (typeof copy.uptime_seconds === "number") copy.uptime_seconds += 0.5;
      break;
    case "heartbeat-extra-field":
      if (path === "/registry/heartbeat") copy.state = "healthy";
      break;
  }
  return copy;
}
