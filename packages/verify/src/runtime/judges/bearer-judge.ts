import { fail, pass, skip, type Verdict } from "../checks/check-recorder.js";
import type { ObservedCall } from "./observed-call.js";

/** A token written into a workspace's config volume, and when. */
export interface VolumeToken {
  at: number;
  hash12: string;
  /** How the report names it: "the token of the first provision", ... */
  label: string;
}

/** The token the volume held at `at`, and the one before it when the switch is under `graceMs` old. */
export function volumeTokensAt(
  tokens: ReadonlyArray<VolumeToken>,
  at: number,
  graceMs: number,
): { current: VolumeToken | undefined; previous: VolumeToken | undefined } {
  const written = tokens.filter((token) => token.at <= at);
  const current = written.at(-1);
  const previous = current && at - current.at <= graceMs ? written.at(-2) : undefined;
  return { current, previous };
}

/**
 * Every call carries `Bearer <the volume token current when it was sent>`; within `graceMs` of a
 * rotation the previous token is still accepted (a call already on its way when the file changed).
 */
export function judgeVolumeBearers(
  kind: "register" | "heartbeat",
  calls: ReadonlyArray<ObservedCall>,
  tokens: ReadonlyArray<VolumeToken>,
  graceMs: number,
): Verdict {
  if (calls.length === 0)
    return skip(`no ${kind} of the provisioned workspace arrived, so no bearer could be checked`);
  for (const call of calls) {
    const { current, previous } = volumeTokensAt(tokens, call.at, graceMs);
    if (current === undefined) continue; // sent before any token was written: nothing to hold it to
    const name = `${kind} #${call.index}`;
    if (call.bearer.kind === "none") {
      return fail(
        `${name} carried no Authorization header while .auth_token held ${current.label}: send "Authorization: Bearer <contents of $WORKSPACE_CONFIG_PATH/.auth_token>" on every ${kind}${kind === "register" ? " (#215: the platform answers 401 otherwise)" : ""}`,
      );
    }
    if (call.bearer.kind === "malformed") {
      return fail(
        `${name} carried an Authorization header that is not "Bearer <token>": the prefix must be exactly "Bearer " (contract 4.2)`,
      );
    }
    const hash = call.bearer.hash12;
    if (hash !== current.hash12 && hash !== previous?.hash12) {
      const stale = tokens.find((token) => token.hash12 === hash);
      return fail(
        `${name} carried ${stale ? stale.label : "a token that was never in the config volume"} while .auth_token held ${current.label}: re-read $WORKSPACE_CONFIG_PATH/.auth_token before each call rather than caching it (#1877)`,
      );
    }
  }
  return pass(`all ${calls.length} ${kind}s carried the token their config volume held`);
}
