import { TokenMintResponse } from "@molecule-ctk/contract";
import { describe, expect, it } from "vitest";
import { ADMIN, call, createWorkspace, setupTestServer } from "../platform-test-utils.js";

const { useTestPlatform } = setupTestServer();

// tokens_sqlmock_test.go:TestTokenHandler_Create_HappyPath, :TestTokenHandler_List_HappyPath,
// :TestTokenHandler_Revoke_HappyPath, :TestTokenHandler_Revoke_NotFound, :TestTokenHandler_RejectsNonUUIDWorkspaceID.
describe("/workspaces/:id/tokens", () => {
  it("mints, lists (newest first, with a count, no kind) and revokes tokens with a token bound to the workspace", async () => {
    const platform = useTestPlatform();
    const { id, token } = await createWorkspace();
    const minted = await call("POST", `/workspaces/${id}/tokens`, { token });
    expect(minted.status).toBe(201);
    const fresh = TokenMintResponse.parse(minted.body).auth_token;
    const listed = await call("GET", `/workspaces/${id}/tokens`, { token });
    expect(listed.body.count).toBe(2);
    expect(listed.body.tokens).toHaveLength(2);
    expect(Object.keys(listed.body.tokens[0]).sort()).toEqual(["created_at", "id", "last_used_at", "prefix"]);
    expect(listed.body.tokens[0].prefix).toBe(fresh.slice(0, 8));
    expect(listed.text).not.toContain(fresh);
    const target = listed.body.tokens.find((t: { prefix: string }) => t.prefix === fresh.slice(0, 8));
    const revoked = await call("DELETE", `/workspaces/${id}/tokens/${target.id}`, { token });
    expect(revoked.body).toEqual({ status: "revoked" });
    expect(platform.state.tokens.validate(fresh, id)).toBeUndefined();
    expect((await call("DELETE", `/workspaces/${id}/tokens/${target.id}`, { token })).body).toEqual({
      error: "token not found or already revoked",
    });
    expect((await call("GET", "/workspaces/not-a-uuid/tokens", { token: ADMIN })).body).toEqual({
      error: "invalid workspace id",
    });
  });

  it("returns 401 for a token of another workspace", async () => {
    useTestPlatform();
    const a = await createWorkspace({ name: "A" });
    const b = await createWorkspace({ name: "B" });
    expect((await call("GET", `/workspaces/${a.id}/tokens`, { token: b.token })).status).toBe(401);
  });
});
