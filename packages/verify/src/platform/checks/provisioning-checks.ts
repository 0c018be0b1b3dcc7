import { readFile } from "node:fs/promises";
import {
  AuthToken,
  PlatformMessages as M,
  PlatformLabels,
  type PlatformResponse,
  RestartResponse,
  type WorkspaceRow,
} from "@molecule-ctk/contract";
import { type CheckContext, heartbeatBody } from "../check-context.js";
import { type ContainerFile, DockerAccess, type WorkspaceContainer } from "../docker-access.js";
import { type CheckOutcome, Findings, type PlatformCheck, seen, skip } from "../platform-check.js";

/** One restart of the provisioned workspace: the answer, the row once settled, its container and token. */
interface Round {
  answer: PlatformResponse;
  row: WorkspaceRow | undefined;
  container: WorkspaceContainer | undefined;
  token: ContainerFile | undefined;
}

/** The provisioning set-up the checks below share: a container workspace restarted twice (harness steps 3-4). */
type Provisioned =
  | { skip: string }
  | { id: string; rounds: [Round, Round]; docker: DockerAccess | { reason: string } };

const KEY = "provisioned";

/** Runs the set-up once per verify run; every provisioning check awaits the same one. */
function provisioned(ctx: CheckContext): Promise<Provisioned> {
  let flow = ctx.shared.get(KEY) as Promise<Provisioned> | undefined;
  if (!flow) {
    flow = provision(ctx);
    ctx.shared.set(KEY, flow);
  }
  return flow;
}

async function provision(ctx: CheckContext): Promise<Provisioned> {
  const workspace = await ctx.containerWorkspace("provision", { forRun: true });
  const token = await ctx.client.mintToken(workspace.id);
  let docker: DockerAccess | { reason: string } | undefined;
  const round = async (previous?: Round): Promise<Round> => {
    const answer = await ctx.client.restart(workspace.id, token);
    if (answer.status !== 200)
      return { answer, row: await ctx.row(workspace.id), container: undefined, token: undefined };
    docker ??= await DockerAccess.connect();
    const settled = (row: WorkspaceRow) => row.status === "online" || row.status === "failed";
    const row = await ctx.waitForRow(workspace.id, settled, ctx.options.onlineTimeoutMs);
    if (!(docker instanceof DockerAccess) || row?.status !== "online") {
      return { answer, row, container: undefined, token: undefined };
    }
    const access = docker;
    // The row can read online a moment before the engine reports the new container running.
    const deadline = Date.now() + 10_000;
    let container = await access.container(workspace.id);
    while ((!container?.running || container.id === previous?.container?.id) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      container = await access.container(workspace.id);
    }
    const file = container?.running ? await access.readFile(container.id, "/configs/.auth_token") : undefined;
    return { answer, row, container, token: file };
  };
  const first = await round();
  if (
    first.answer.status === 503 &&
    (first.answer.body as { error?: unknown })?.error === M.provisionerUnavailable
  ) {
    return {
      skip: `the platform has no provisioner (POST /workspaces/:id/restart answered ${seen(first.answer)})`,
    };
  }
  const second = await round(first);
  return {
    id: workspace.id,
    rounds: [first, second],
    docker: docker ?? { reason: "no restart was answered 200" },
  };
}

/** The shared set-up, or the skip of a check that needs this machine's engine to see the container. */
async function withContainers(
  ctx: CheckContext,
): Promise<Extract<Provisioned, { id: string }> | CheckOutcome> {
  const flow = await provisioned(ctx);
  if ("skip" in flow) return skip(flow.skip);
  if (!(flow.docker instanceof DockerAccess))
    return skip(`${flow.docker.reason}: the provisioned container cannot be inspected`);
  const seenAny = flow.rounds.some((r) => r.container !== undefined);
  const online = flow.rounds.every((r) => r.row?.status === "online");
  if (!seenAny && online) {
    return skip(
      `the platform's provisioner is not on this machine's Docker engine (no container ws-${flow.id})`,
    );
  }
  return flow;
}

const answersProvisioning: PlatformCheck = {
  id: "restart.answers-provisioning",
  level: "MUST",
  section: "contract 8.6",
  rule: 'POST /workspaces/:id/restart with a workspace token answers 200 {status:"provisioning", config_dir, reset_session}, and the workspace comes online again within the online timeout.',
  fix: "set provisioning, force-remove the container, clear the URL, answer 200 provisioning, then re-provision in the background",
  async run(ctx) {
    const flow = await provisioned(ctx);
    if ("skip" in flow) return skip(flow.skip);
    const f = new Findings();
    flow.rounds.forEach(({ answer, row }, i) => {
      const body = RestartResponse.safeParse(answer.body);
      f.expect(
        answer.status === 200 && body.success && body.data.status === "provisioning",
        `restart ${i + 1} answered ${seen(answer)}, expected 200 {status:"provisioning", config_dir, reset_session}`,
      );
      f.expect(
        row?.status === "online",
        `after restart ${i + 1} the workspace reads ${JSON.stringify(row?.status)} (${JSON.stringify(row?.last_sample_error ?? "")}), not online within ${ctx.options.onlineTimeoutMs / 1000} s`,
      );
    });
    return f.outcome(this, "two restarts answered 200 provisioning and the workspace came online after each");
  },
};

const containerRunning: PlatformCheck = {
  id: "provision.container-running",
  level: "MUST",
  section: "contract 8.3, 15",
  rule: "Once a restarted workspace reads online, a new container ws-<id> runs on the engine, labelled molecule.platform.managed=true, and the stored URL is http://localhost:<port> (or 127.0.0.1).",
  fix: "create ws-<full uuid> with the platform labels on every provision, publish 8000/tcp on a pre-allocated host port and store http://localhost:<port>",
  async run(ctx) {
    const flow = await withContainers(ctx);
    if ("status" in flow) return flow;
    const f = new Findings();
    flow.rounds.forEach(({ row, container }, i) => {
      f.expect(
        container?.running === true,
        `after restart ${i + 1} no running container ws-${flow.id} (${container ? "stopped" : "none"})`,
      );
      f.expect(
        container?.labels[PlatformLabels.managed] === "true",
        `container ws-${flow.id} lacks the label ${PlatformLabels.managed}=true`,
      );
      f.expect(
        /^http:\/\/(localhost|127\.0\.0\.1):\d+$/.test(row?.url ?? ""),
        `the stored URL is ${JSON.stringify(row?.url)}, expected http://localhost:<port>`,
      );
    });
    const [first, second] = flow.rounds;
    f.expect(
      !!first.container && first.container.id !== second.container?.id,
      "the second restart left the same container running",
    );
    return f.outcome(
      this,
      `ws-${flow.id.slice(0, 8)}… ran labelled after each restart, a new container each time, at a localhost URL`,
    );
  },
};

const rotatesToken: PlatformCheck = {
  id: "restart.rotates-token",
  level: "MUST",
  section: "contract 3.2, 8.6 (#418)",
  rule: "Every provision revokes the instance token and writes a new 43-char one to /configs/.auth_token (mode 0600, uid 1000) before the container starts; the old one is refused.",
  fix: "in issueAndInjectToken revoke the instance tokens, mint one, and pre-write it into ws-<id>-configs on every provision",
  async run(ctx) {
    const flow = await withContainers(ctx);
    if ("status" in flow) return flow;
    const f = new Findings();
    const [before, after] = flow.rounds.map((r) => r.token);
    for (const [what, file] of [
      ["the first", before],
      ["the second", after],
    ] as const) {
      if (!f.expect(file !== undefined, `${what} container has no /configs/.auth_token`)) continue;
      f.expect(
        AuthToken.safeParse(file!.content.trim()).success,
        `${what} /configs/.auth_token is not a 43-char token`,
      );
      f.expect(
        file!.mode === 0o600 && file!.uid === 1000,
        `${what} /configs/.auth_token has mode ${file!.mode.toString(8)} uid ${file!.uid}, expected 600 uid 1000`,
      );
    }
    if (before && after) {
      f.expect(
        before.content !== after.content,
        "the restart left the same token in /configs/.auth_token (#418)",
      );
      const stale = await ctx.client.heartbeat(heartbeatBody(flow.id), { token: before.content.trim() });
      f.errorBody("a heartbeat with the token of before the restart", stale, 401, M.invalidWorkspaceToken);
    }
    return f.outcome(this, "the restart wrote a new token (0600, uid 1000) and refused the old one");
  },
};

const bootTelemetry: PlatformCheck = {
  id: "provision.boot-telemetry",
  level: "SHOULD",
  section: "contract 8.4",
  rule: "The platform log holds boot-telemetry: workspace=<id> step=1/8 key=PWR status=running for a provisioned workspace (the bash harness greps it).",
  fix: "log the boot-telemetry line of PR #4460 when the container starts",
  async run(ctx) {
    if (!ctx.options.platformLog)
      return skip("pass --platform-log FILE (the platform's log) to check the boot-telemetry line");
    const flow = await provisioned(ctx);
    if ("skip" in flow) return skip(flow.skip);
    const f = new Findings();
    const line = `boot-telemetry: workspace=${flow.id} step=1/8 key=PWR status=running`;
    const log = await readFile(ctx.options.platformLog, "utf8").catch(
      (error: Error) => `unreadable: ${error.message}`,
    );
    f.expect(log.includes(line), `${ctx.options.platformLog} has no line "${line}"`);
    return f.outcome(this, "the boot-telemetry line is in the platform log");
  },
};

export const PROVISIONING_CHECKS: ReadonlyArray<PlatformCheck> = [
  answersProvisioning,
  containerRunning,
  rotatesToken,
  bootTelemetry,
];
