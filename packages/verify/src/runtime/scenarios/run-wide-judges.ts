import { fail, pass, skip, type Verdict } from "../checks/check-recorder.js";
import { judgeVolumeBearers } from "../judges/bearer-judge.js";
import { judgeBodies } from "../judges/body-judges.js";
import type { ObservedCall } from "../judges/observed-call.js";
import type { RunContext } from "./run-context.js";

/**
 * The checks judged over the whole run once the scenarios are over: every body, every bearer of the
 * provisioned workspace (until the platform lost its state at `stateLostAt`), every registered URL.
 */
export function judgeRunWide(run: RunContext, provisionedId: string | undefined, stateLostAt: number): void {
  const { session, checks } = run;
  const ids = [...session.labels.keys()];
  const sent = (path: "/registry/register" | "/registry/heartbeat") =>
    ids.flatMap((id) => session.calls(path, id)).filter((call) => call.body !== undefined);
  const registers = sent("/registry/register");
  const beats = sent("/registry/heartbeat");
  checks.record("register.body", judgeBodies("register", "contract", registers));
  checks.record("register.body-ssot", judgeBodies("register", "ssot", registers));
  checks.record("heartbeat.body", judgeBodies("heartbeat", "contract", beats));
  checks.record("heartbeat.body-ssot", judgeBodies("heartbeat", "ssot", beats));
  checks.record("register.url", judgeRegisterUrls(run, registers));
  if (provisionedId === undefined) return;
  const tokens = session.volumeTokens(provisionedId);
  const before = (call: ObservedCall) => call.at < stateLostAt && call.status !== 0;
  const grace = session.timings.maxGapMs;
  checks.record(
    "register.bearer",
    judgeVolumeBearers(
      "register",
      session.calls("/registry/register", provisionedId).filter(before),
      tokens,
      grace,
    ),
  );
  checks.record(
    "heartbeat.bearer",
    judgeVolumeBearers(
      "heartbeat",
      session.calls("/registry/heartbeat", provisionedId).filter(before),
      tokens,
      grace,
    ),
  );
}

function judgeRegisterUrls(run: RunContext, registers: ReadonlyArray<ObservedCall>): Verdict {
  const { provisioner } = run.session;
  let checked = 0;
  for (const call of registers) {
    if (call.workspaceId === undefined) continue;
    const provision = provisioner
      .provisions(call.workspaceId)
      .filter((record) => record.startedAt <= call.at && record.result)
      .at(-1);
    const advertised = provision?.result?.url;
    let url: unknown;
    try {
      url = (JSON.parse(call.body ?? "") as { url?: unknown }).url;
    } catch {
      continue; // not JSON: register.body says so
    }
    if (advertised === undefined) continue;
    checked++;
    if (url !== advertised) {
      const fallback = typeof url === "string" && /:8000\/?$/.test(url);
      return fail(
        `register #${call.index} registered ${JSON.stringify(url)}, the platform advertised ${advertised} in MOLECULE_WORKSPACE_URL: register that URL (#2851)${fallback ? "; :8000 is the runtime's fallback, which the platform never keeps (#11798)" : ""}`,
      );
    }
  }
  return checked === 0
    ? skip("no register with a URL reached the platform (see register.prompt)")
    : pass(`${checked} register(s) carried the URL in MOLECULE_WORKSPACE_URL`);
}
