import { randomUUID } from "node:crypto";
import { harnessMessage, PlatformMessages as M } from "@molecule-ctk/contract";
import { type CheckContext, registerBody } from "../check-context.js";
import { type CheckOutcome, Findings, type PlatformCheck, seen } from "../platform-check.js";
import {
  CARD_URL_CASES,
  CARD_URL_RESERVED_CASES,
  MAPPED_CARD_CASES,
  MAPPED_REGISTER_CASES,
  REGISTER_URL_CASES,
  type UrlCase,
} from "./url-safety-table.js";

const MODE_HINT = "(if the platform runs in another mode, pass --deploy-mode)";

/** Registers a fresh id with each case's URL: 400 where the mode must block it, 200 where it allows it. */
async function judgeRegisterUrls(
  ctx: CheckContext,
  f: Findings,
  cases: ReadonlyArray<UrlCase>,
): Promise<void> {
  const mode = ctx.options.deployMode;
  for (const { url, label, allowedIn } of cases) {
    const id = randomUUID();
    ctx.track(id);
    const answer = await ctx.client.register(registerBody(id, url));
    const allowed = allowedIn.includes(mode);
    f.expect(
      answer.status === (allowed ? 200 : 400),
      allowed
        ? `${url} (${label}) was refused in ${mode} mode (${seen(answer)}); validateAgentURL allows it there`
        : `${url} (${label}) was ${answer.status === 200 ? "accepted" : `answered ${seen(answer)}`} in ${mode} mode; validateAgentURL must refuse it with 400`,
    );
  }
}

/** Sends each case as the card URL of an update-card: 400 workspace URL not allowed where blocked, 200 where allowed. */
async function judgeCardUrls(ctx: CheckContext, f: Findings, cases: ReadonlyArray<UrlCase>): Promise<void> {
  const mode = ctx.options.deployMode;
  const runtime = await ctx.runtime();
  for (const { url, label, allowedIn } of cases) {
    const body = { workspace_id: runtime.id, agent_card: { name: "verify card", url } };
    const answer = await ctx.client.updateCard(body, { token: runtime.token });
    if (allowedIn.includes(mode)) {
      f.expect(
        answer.status === 200,
        `a card URL ${url} (${label}) was refused in ${mode} mode (${seen(answer)}); isSafeURL allows it there`,
      );
    } else {
      f.errorBody(
        `an update-card with the card URL ${url} (${label}) in ${mode} mode`,
        answer,
        400,
        M.workspaceUrlNotAllowed,
      );
    }
  }
}

const registerUrl: PlatformCheck = {
  id: "url-safety.register-url",
  level: "MUST",
  section: "contract 2.3",
  rule: "Register refuses (400) a push URL whose host is an IP literal of a blocked range, per deploy mode: metadata, link-local, TEST-NETs, CGNAT, multicast, fc00::/8 and 2001:db8::/32 always, loopback unless development, RFC-1918 and fd00::/8 unless SaaS; a non-http(s) scheme always; the literal host localhost never.",
  fix: `run validateAgentURL on the effective push URL with the blocklist of contract 2.3 for the deploy mode ${MODE_HINT}`,
  async run(ctx) {
    const f = new Findings();
    await judgeRegisterUrls(ctx, f, REGISTER_URL_CASES);
    return f.outcome(
      this,
      `${REGISTER_URL_CASES.length} register URLs decided as ${ctx.options.deployMode} mode requires`,
    );
  },
};

const ipv4Mapped: PlatformCheck = {
  id: "url-safety.ipv4-mapped",
  level: "MUST",
  section: "contract 2.3",
  rule: "An IPv4-mapped IPv6 literal ([::ffff:169.254.169.254]) is judged as the IPv4 address it carries, for register URLs and card URLs alike.",
  fix: "unmap ::ffff:0:0/96 addresses (hex or dotted form, as Go's To4() does) before classifying them",
  async run(ctx) {
    const f = new Findings();
    await judgeRegisterUrls(ctx, f, MAPPED_REGISTER_CASES);
    await judgeCardUrls(ctx, f, MAPPED_CARD_CASES);
    return f.outcome(this, "IPv4-mapped literals judged as their IPv4 address at register and update-card");
  },
};

const cardUrl: PlatformCheck = {
  id: "url-safety.card-url",
  level: "MUST",
  section: "contract 2.3, 4.1, 4.5",
  rule: "An agent_card.url must pass isSafeURL: update-card answers 400 workspace URL not allowed and a push register 400 workspace agent_card URL not allowed for metadata, link-local, TEST-NET, CGNAT and unspecified addresses, loopback unless development, private unless SaaS or development.",
  fix: `check agent_card.url with isSafeURL at update-card and at a push register (before the register URL) ${MODE_HINT}`,
  async run(ctx) {
    const f = new Findings();
    await judgeCardUrls(ctx, f, CARD_URL_CASES);
    const id = randomUUID();
    ctx.track(id);
    const card = { name: "verify card", url: "http://169.254.169.254/latest/meta-data/" };
    const answer = await ctx.client.register(registerBody(id, ctx.loopbackAgentUrl(`/ws/${id}`), card));
    f.errorBody("a push register with a metadata card URL", answer, 400, M.agentCardUrlNotAllowed);
    return f.outcome(
      this,
      `${CARD_URL_CASES.length} card URLs decided as ${ctx.options.deployMode} mode requires; the register refused a metadata card URL`,
    );
  },
};

const cardUrlReserved: PlatformCheck = {
  id: "url-safety.card-url-reserved",
  level: "MUST",
  section: "contract 2.3",
  rule: "isSafeURL also refuses ULA fc00::/8, link-local multicast (224.0.0/24, ff02::/16), interface-local multicast (ff01::/16) and any scheme but http and https, in every mode.",
  fix: "block Go's IsLinkLocalMulticast / IsInterfaceLocalMulticast addresses and fc00::/8, and refuse non-http(s) schemes, in isSafeURL",
  async run(ctx) {
    const f = new Findings();
    await judgeCardUrls(ctx, f, CARD_URL_RESERVED_CASES);
    return f.outcome(this, `${CARD_URL_RESERVED_CASES.length} reserved card URLs refused`);
  },
};

const proxyTarget: PlatformCheck = {
  id: "url-safety.proxy",
  level: "MUST",
  section: "contract 2.3, 7.4",
  rule: "The proxy checks the stored URL with isSafeURL before dispatching: a http://localhost agent is refused 502 workspace URL is not publicly routable outside development mode, and reached in development mode.",
  fix: `resolve the target's host and run isSafeURL on the URL before every dispatch; allow loopback only under MOLECULE_ENV=development ${MODE_HINT}`,
  async run(ctx): Promise<CheckOutcome> {
    const f = new Findings();
    const runtime = await ctx.runtime(); // registered at http://localhost:<listener>/ws/<id>, allowed by name
    const answer = await ctx.selfCall(runtime, harnessMessage("ping"));
    const reached = ctx.agent.requestsTo(`/ws/${runtime.id}`).length > 0;
    if (ctx.options.deployMode === "development") {
      f.expect(
        answer.status === 200 && reached,
        `in development mode the proxy answered ${seen(answer)} and ${reached ? "reached" : "did not reach"} the localhost agent`,
      );
      return f.outcome(this, "development mode: the localhost agent was reached");
    }
    f.errorBody(
      `A2A to a localhost agent in ${ctx.options.deployMode} mode`,
      answer,
      502,
      M.workspaceNotRoutable,
    );
    f.expect(!reached, "the proxy dispatched to a loopback agent outside development mode");
    return f.outcome(this, `${ctx.options.deployMode} mode: 502 not publicly routable, nothing dispatched`);
  },
};

export const URL_SAFETY_CHECKS: ReadonlyArray<PlatformCheck> = [
  registerUrl,
  ipv4Mapped,
  cardUrl,
  cardUrlReserved,
  proxyTarget,
];
