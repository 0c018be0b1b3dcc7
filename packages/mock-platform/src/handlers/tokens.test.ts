import { TokenMintResponse } from "@molecule-ctk/contract";
import { describe, expect, it } from "vitest";
import { call, createWorkspace, setupTestServer } from "../platform-test-utils.js";

const { useTestPlatform } = setupTestServer();

describe("/workspaces/:id/tokens", () => {
  it("mints, lists and revokes tokens with a token bound to the workspace", async () => {
    const platform = useTestPlatform();
    const { id, token } = await createWorkspace();
    const minted = await call("POST", `/workspaces/${id}/tokens`, { token });
    expect(minted.status).toBe(201);
    const fresh = TokenMintResponse.parse(minted.body).auth_token;
    const listed = await call("GET", `/workspaces/${id}/tokens`, { token });
    expect(listed.body.tokens).toHaveLength(2);
    expect(listed.text).not.toContain(fresh);
    const target = listed.body.tokens.find((t: { prefix: string }) => t.prefix === fresh.slice(0, 8));
    const revoked = await call("DELETE", `/workspaces/${id}/tokens/${target.id}`, { token });
    expect(revoked.body).toEqual({ status: "revoked", id: target.id });
    expect(platform.state.tokens.validate(fresh, id)).toBeUndefined();
    expect((await call("DELETE", `/workspaces/${id}/tokens/${target.id}`, { token })).status).toBe(404);
  });

  it("returns 401 for a token of another workspace", async () => {
    useTestPlatform();
    const a = await createWorkspace({ name: "A" });
    const b = await createWorkspace({ name: "B" });
    expect((await call("GET", `/workspaces/${a.id}/tokens`, { token: b.token })).status).toBe(401);
  });
});
