import { type FaultSpec, type PlatformMutant, startMockPlatformServer } from "@molecule-ctk/mock-platform";
import { afterEach, describe, expect, it } from "vitest";
import type { CheckResult } from "../report/check-result.js";
import { PLATFORM_CHECKS } from "./platform-checks.js";
import { verifyPlatform } from "./verify-platform.js";

/** How each check's rule is broken on the in-process mock platform: a mutant, or faults on its routes. */
type Break = { mutant: PlatformMutant } | { faults: FaultSpec[] };

const A2A = "/workspaces/:id/a2a";
const BREAKS: Record<string, Break & { detail: RegExp }> = {
  "register.bootstrap-token-once": { mutant: "token-on-every-register", detail: /auth_token/ },
  "register.c18-guard": { mutant: "no-c18-guard", detail: /answered 200/ },
  "register.url-required-for-push": { mutant: "push-without-url", detail: /400|url/ },
  "registry.url-preserved": { mutant: "overwrites-localhost-url", detail: /localhost/ },
  "registry.removed-stays-removed": { mutant: "resurrects-removed", detail: /410|removed/ },
  "tokens.bound-to-workspace": { mutant: "cross-workspace-token", detail: /401/ },
  "heartbeat.lifts-to-online": { mutant: "heartbeat-keeps-provisioning", detail: /online/ },
  "liveness.expires-to-offline": { mutant: "liveness-never-expires", detail: /offline/ },
  "url-safety.register-url": { mutant: "ssrf-check-off", detail: /400/ },
  "a2a.caller-id-prefixes": { mutant: "caller-prefix-allowed", detail: /reserved caller id|403/ },
  "a2a.wraps-bare-payload": { mutant: "proxy-no-wrap", detail: /jsonrpc|wrap/ },
  "a2a.normalises-message": { mutant: "proxy-no-wrap", detail: /\S/ },
  "a2a.keeps-envelope-id": { mutant: "proxy-drops-envelope-id", detail: /id/ },
  "admin.refuses-workspace-tokens": {
    faults: [{ method: "GET", path: "/workspaces", status: 200, body: [] }],
    detail: /200/,
  },
  "tokens.mint-and-cap": {
    faults: [
      { method: "POST", path: "/admin/workspaces/:id/tokens", status: 200, body: { auth_token: "x" } },
    ],
    detail: /201/,
  },
  "url-safety.card-url": {
    faults: [{ method: "POST", path: "/registry/update-card", status: 200, body: { status: "updated" } }],
    detail: /400/,
  },
  "url-safety.proxy": {
    faults: [
      { method: "POST", path: A2A, status: 502, body: { error: "workspace URL is not publicly routable" } },
    ],
    detail: /development mode the proxy answered 502/,
  },
  "a2a.unknown-workspace": {
    faults: [{ method: "POST", path: A2A, status: 200, body: { jsonrpc: "2.0", id: 1, result: {} } }],
    detail: /404/,
  },
  "a2a.no-url": {
    faults: [{ method: "POST", path: A2A, status: 502, body: { error: "bad gateway" } }],
    detail: /503/,
  },
  "a2a.queued-when-settling": {
    faults: [{ method: "GET", path: "/workspaces/:id/a2a/queue/:queueId", status: 500 }],
    detail: /queue route answered 500/,
  },
  // A heartbeat that answers 200 without doing its work never drains the queue (#1870).
  "a2a.queue-drains": {
    faults: [{ method: "POST", path: "/registry/heartbeat", status: 200, body: { status: "ok" } }],
    detail: /never received the queued request/,
  },
  "a2a.passes-reply-verbatim": {
    faults: [{ method: "POST", path: A2A, status: 200, body: { jsonrpc: "2.0", id: "x", result: {} } }],
    detail: /\S/,
  },
  "registry.paused-stays-paused": { mutant: "register-unpauses", detail: /paused/ },
  "url-safety.ipv4-mapped": { mutant: "ssrf-check-off", detail: /400/ },
  "url-safety.card-url-reserved": { mutant: "ssrf-check-off", detail: /400/ },
  "approval.admin-secret-write": {
    faults: [
      { method: "POST", path: "/workspaces/:id/secrets", status: 200, body: { status: "saved", key: "x" } },
    ],
    detail: /expected 202 pending_approval/,
  },
  "delete.not-approval-gated": {
    faults: [
      {
        method: "DELETE",
        path: "/workspaces/:id",
        status: 202,
        body: { status: "pending_approval", approval_id: "a", action: "delete_workspace" },
      },
    ],
    detail: /expected 200 removed/,
  },
  // WorkspaceAuth answering its 401 in its own words (the mock's wording before upstream's was taken).
  "errors.upstream-bodies": {
    faults: [
      { method: "POST", path: "/workspaces/:id/restart", status: 401, body: { error: "unauthorized" } },
    ],
    detail: /missing workspace auth token/,
  },
  "delete.confirm-and-cascade": {
    faults: [{ method: "DELETE", path: "/workspaces/:id", status: 200, body: { status: "removed" } }],
    detail: /400|X-Confirm-Name/,
  },
};

/** Checks whose pass and fail paths need a Docker provisioner: `pnpm mutants platform` runs them. */
const PROVISIONING = [
  "restart.answers-provisioning",
  "provision.container-running",
  "restart.rotates-token",
  "provision.boot-telemetry",
];

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Runs one check against a fresh in-process mock platform in development mode, broken by `broken`. */
async function runOne(id: string, broken?: Break): Promise<CheckResult> {
  const server = await startMockPlatformServer({
    adminToken: "T",
    deployMode: "development",
    livenessTtlMs: 1000,
    ...(broken && "mutant" in broken ? { mutant: broken.mutant } : {}),
  });
  closers.push(() => server.close());
  if (broken && "faults" in broken)
    for (const fault of broken.faults) server.platform.control.addFault(fault);
  const report = await verifyPlatform({
    baseUrl: server.url,
    adminToken: "T",
    deployMode: "development",
    level: "MUST",
    livenessTtlMs: 1000,
    onlineTimeoutMs: 10_000,
    only: [id],
  });
  const result = report.checks.find((check) => check.id === id)!;
  expect(report.checks.filter((check) => !check.id.startsWith(id) && check.status !== "skip")).toEqual([]);
  return result;
}

describe("each platform check", () => {
  it("has a fail path here or needs a provisioner", () => {
    const accounted = [...Object.keys(BREAKS), ...PROVISIONING].sort();
    expect(accounted).toEqual(PLATFORM_CHECKS.map((check) => check.id).sort());
  });

  it.each(Object.entries(BREAKS))(
    "%s passes on the mock platform and fails with its fix when its rule is broken",
    async (id, broken) => {
      const intact = await runOne(id);
      expect(intact.status, intact.detail).toBe("pass");
      const failed = await runOne(id, broken);
      expect(failed.status, failed.detail).toBe("fail");
      expect(failed.detail).toMatch(broken.detail);
      expect(failed.detail).toContain(". Fix: ");
    },
    60_000,
  );

  it.each(PROVISIONING)(
    "%s is skipped with its reason against a mock platform without a provisioner",
    async (id) => {
      const result = await runOne(id);
      expect(result.status).toBe("skip");
      expect(result.detail).toMatch(/provisioner|--platform-log/);
    },
    60_000,
  );
});
