// Platform mutants: contract violations taken from upstream's incidents, switched on one at a time
// with `createMockPlatform({ mutant })` or `mock-platform serve --mutant NAME`, so that `verify
// platform` can show it catches each of them. A test affordance only: never on by default, an unknown
// name is refused, and each mutant changes the mock platform only where its rule lives (grep its name).
import { MockPlatformOptionError } from "../mock-platform-error.js";

/** Every mutant: what it breaks, and the upstream incident the broken rule came from. */
export const PLATFORM_MUTANTS = {
  "no-c18-guard":
    "register, heartbeat and update-card let any caller act for a workspace with live tokens (#35, C18)",
  "token-on-every-register":
    "register answers a fresh auth_token every time, not only at bootstrap (contract 4.4)",
  "no-token-rotation":
    "a restart re-provisions with the old instance token: nothing revoked, .auth_token not rewritten (#418)",
  "heartbeat-keeps-provisioning": "a heartbeat never lifts provisioning to online (#1784)",
  "resurrects-removed": "a late register or heartbeat brings a removed row back online (#73)",
  "register-unpauses": "a lingering register flips a paused or hibernated row back to online (core#2332)",
  "overwrites-localhost-url":
    "the register upsert keeps only http://127.0.0.1 URLs, so :8000 overwrites localhost:<port> (#11798)",
  "cross-workspace-token":
    "a token bound to one workspace is accepted for any other (token binding, contract 3.1)",
  "proxy-drops-envelope-id":
    "the A2A proxy replaces the id of a caller's full JSON-RPC envelope (contract 7.3)",
  "proxy-no-wrap": "the A2A proxy forwards a bare {method, params} body as it came, unwrapped (contract 7.3)",
  "wrong-401-bodies": "the registry's two 401 bodies are swapped (contract 4.2)",
  "liveness-never-expires": "a workspace that stops heartbeating never goes offline (contract 6.3)",
  "ssrf-check-off": "validateAgentURL and isSafeURL allow every address (contract 2.3)",
  "admin-token-on-registry":
    "the registry token gate accepts ADMIN_TOKEN as a workspace token (contract 4.2)",
  "push-without-url": "a push-mode register without any URL is accepted (url_required_for_push, #2339)",
  "caller-prefix-allowed":
    "reserved caller-id prefixes (webhook:, system:, test:, channel:) are not refused (#761)",
} as const satisfies Record<string, string>;

export type PlatformMutant = keyof typeof PLATFORM_MUTANTS;

/** The mutant of that name; an unknown name throws, listing the known ones. */
export function platformMutant(name: string): PlatformMutant {
  if (Object.hasOwn(PLATFORM_MUTANTS, name)) return name as PlatformMutant;
  throw new MockPlatformOptionError(
    `[mock-platform] unknown mutant ${JSON.stringify(name)}: use one of ${Object.keys(PLATFORM_MUTANTS).join(", ")}`,
  );
}
