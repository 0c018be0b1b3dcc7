import { randomBytes } from "node:crypto";
import {
  DeleteCascadeConfirmationBody,
  DeleteConfirmationRequiredBody,
  DeletePendingApprovalResponse,
  DeleteRemovedResponse,
  harnessMessage,
  PlatformMessages as M,
} from "@molecule-ctk/contract";
import { Findings, type PlatformCheck, seen } from "../platform-check.js";

const SECRET_KEY = "MOLECULE_CTK_VERIFY";

const approvalGate: PlatformCheck = {
  id: "approval.admin-secret-write",
  level: "MUST",
  section: "contract 9",
  rule: 'A secret write with the ADMIN_TOKEN is approval-gated: 202 {status:"pending_approval", approval_id, action:"secret_write", reason}; after decide {decision:"approved"} answers 200 {status:"approved", approval_id}, the identical write answers 200 {status:"saved", key}.',
  fix: "gate POST /workspaces/:id/secrets for ADMIN_TOKEN callers (action secret_write, keyed by workspace, action and a hash of {workspace_id, key}); consume the approval once on the identical retry",
  async run(ctx) {
    const f = new Findings();
    const workspace = await ctx.external("approval");
    const write = () =>
      ctx.client.request("POST", `/workspaces/${workspace.id}/secrets`, {
        token: ctx.adminToken,
        json: { key: SECRET_KEY, value: randomBytes(8).toString("hex") },
      });
    const first = await write();
    const pending = DeletePendingApprovalResponse.safeParse(first.body);
    if (
      !f.expect(
        first.status === 202 && pending.success && pending.data.action === "secret_write",
        `an admin-token secret write answered ${seen(first)}, expected 202 pending_approval with action secret_write`,
      )
    ) {
      return f.outcome(this, "");
    }
    const approvalId = pending.data!.approval_id;
    const decide = await ctx.client.request(
      "POST",
      `/workspaces/${workspace.id}/approvals/${approvalId}/decide`,
      {
        token: ctx.adminToken,
        json: { decision: "approved", decided_by: "molecule-ctk-verify" },
      },
    );
    f.body("the decide", decide, 200, { status: "approved", approval_id: approvalId });
    f.body("the retried write", await write(), 200, { status: "saved", key: SECRET_KEY });
    return f.outcome(this, "202 pending_approval (secret_write); decide approved; the retry saved");
  },
};

async function expectRemoved(
  ctx: Parameters<PlatformCheck["run"]>[0],
  f: Findings,
  id: string,
  what: string,
) {
  const get = await ctx.client.request("GET", `/workspaces/${id}`, { token: ctx.adminToken });
  f.status(`GET of the deleted ${what}`, get, 410);
}

const confirmAndCascade: PlatformCheck = {
  id: "delete.confirm-and-cascade",
  level: "MUST",
  section: "contract 9",
  rule: "DELETE /workspaces/:id needs X-Confirm-Name with the exact name (400 destructive_action_requires_confirmation) and, with children, ?confirm=true (409 confirmation_required); then it removes the workspace and its descendants and revokes their tokens.",
  fix: "check X-Confirm-Name, then the children, then mark the whole subtree removed and revoke every token of it",
  async run(ctx) {
    const f = new Findings();
    const parent = await ctx.external("parent");
    const child = await ctx.external("child", { parent_id: parent.id });
    const del = (query: string, name?: string) =>
      ctx.client.request("DELETE", `/workspaces/${parent.id}${query}`, {
        token: ctx.adminToken,
        ...(name === undefined ? {} : { headers: { "X-Confirm-Name": name } }),
      });
    for (const [what, name] of [
      ["without X-Confirm-Name", undefined],
      ["with a wrong X-Confirm-Name", `${parent.name} (not)`],
    ] as const) {
      const answer = await del("?confirm=true", name);
      const body = DeleteConfirmationRequiredBody.safeParse(answer.body);
      f.expect(
        answer.status === 400 &&
          body.success &&
          body.data.workspace_name === parent.name &&
          body.data.child_count === 1,
        `a DELETE ${what} answered ${seen(answer)}, expected 400 ${M.confirmationRequired} naming the workspace and 1 child`,
      );
    }
    const unconfirmed = await del("", parent.name);
    const cascade = DeleteCascadeConfirmationBody.safeParse(unconfirmed.body);
    f.expect(
      unconfirmed.status === 409 && cascade.success && cascade.data.children_count === 1,
      `a DELETE of a parent without ?confirm=true answered ${seen(unconfirmed)}, expected 409 confirmation_required with 1 child`,
    );
    let removed = await del("?confirm=true", parent.name);
    const gated = DeletePendingApprovalResponse.safeParse(removed.body);
    if (removed.status === 202 && gated.success) {
      await ctx.client.approve(parent.id, gated.data.approval_id); // delete.not-approval-gated judges this
      removed = await del("?confirm=true", parent.name);
    }
    const body = DeleteRemovedResponse.safeParse(removed.body);
    f.expect(
      removed.status === 200 && body.success && body.data.cascade_deleted === 1,
      `the confirmed DELETE answered ${seen(removed)}, expected 200 {status:"removed", cascade_deleted:1}`,
    );
    await expectRemoved(ctx, f, parent.id, "parent");
    await expectRemoved(ctx, f, child.id, "child");
    const childCall = await ctx.selfCall(child, harnessMessage("ping"));
    f.errorBody("an A2A call with the deleted child's token", childCall, 401, M.invalidCallerToken);
    return f.outcome(
      this,
      "400 without or with a wrong name, 409 without confirm, then the parent and child removed and the child's token refused",
    );
  },
};

const notApprovalGated: PlatformCheck = {
  id: "delete.not-approval-gated",
  level: "SHOULD",
  section: "contract 9 (#2579)",
  rule: "An admin DELETE with the confirmation name is not approval-gated: it answers 200 removed, never 202 pending_approval (the harness copes with both, so this is a SHOULD).",
  fix: "leave delete_workspace out of the gated actions (only secret_write, org_token_mint and privileged_delegate are gated)",
  async run(ctx) {
    const f = new Findings();
    const workspace = await ctx.external("delete");
    const answer = await ctx.client.request("DELETE", `/workspaces/${workspace.id}?confirm=true`, {
      token: ctx.adminToken,
      headers: { "X-Confirm-Name": workspace.name },
    });
    f.expect(
      answer.status === 200,
      `an admin DELETE with the confirmation name answered ${seen(answer)}, expected 200 removed`,
    );
    return f.outcome(this, "an admin DELETE answered 200 removed at once");
  },
};

export const WORKSPACE_API_CHECKS: ReadonlyArray<PlatformCheck> = [
  approvalGate,
  confirmAndCascade,
  notApprovalGated,
];
