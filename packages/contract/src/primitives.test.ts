import { describe, expect, it } from "vitest";
import { z } from "zod";
import { TOKEN } from "./contract-test-utils.js";
import { safeParseContract } from "./parse.js";
import { AuthToken, BearerAuthorization, bearerToken, WorkspaceId } from "./primitives.js";

const Headers = z.object({ Authorization: BearerAuthorization });

// wsauth/tokens_test.go:TestBearerTokenFromHeader: the exact prefix, then TrimSpace.
describe("BearerAuthorization", () => {
  it("yields the token of a `Bearer <token>` header, trimmed", () => {
    expect(BearerAuthorization.parse(`Bearer ${TOKEN}`)).toBe(TOKEN);
    expect(bearerToken(`Bearer ${TOKEN}`)).toBe(TOKEN);
    expect(bearerToken("Bearer   spaced  ")).toBe("spaced");
    expect(bearerToken(`Bearer ${TOKEN} extra`)).toBe(`${TOKEN} extra`); // a token no workspace holds
  });

  it.each([
    ["lower-case scheme", `bearer ${TOKEN}`],
    ["no space", `Bearer${TOKEN}`],
    ["another scheme", `Token ${TOKEN}`],
    ["an empty token", "Bearer "],
    ["only whitespace after the prefix", "Bearer    "],
  ])("rejects %s, naming the field", (_, header) => {
    const result = safeParseContract(Headers, { Authorization: header }, "request headers");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toBe(
        'request headers: Authorization: must be "Bearer <token>" with the exact "Bearer " prefix',
      );
    }
    expect(bearerToken(header)).toBeUndefined();
  });

  it("treats an absent header as no token", () => {
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken(null)).toBeUndefined();
  });
});

describe("AuthToken", () => {
  it("accepts 43 base64url characters (32 random bytes)", () => {
    expect(AuthToken.safeParse(TOKEN).success).toBe(true);
    expect(AuthToken.safeParse(Buffer.alloc(32, 7).toString("base64url")).success).toBe(true);
  });

  it.each([TOKEN.slice(1), `${TOKEN}A`, `${TOKEN.slice(1)}=`, `${TOKEN.slice(1)}+`])(
    "rejects %j",
    (token) => {
      expect(AuthToken.safeParse(token).success).toBe(false);
    },
  );
});

describe("WorkspaceId", () => {
  it("accepts any 8-4-4-4-12 hex id, as Go's uuid.Parse does", () => {
    for (const id of ["00000000-0000-0000-0000-000000000000", "3F2C1B9E-5D4A-4C3B-9A2F-1E0D9C8B7A60"]) {
      expect(WorkspaceId.safeParse(id).success).toBe(true);
    }
  });

  it.each(["3f2c1b9e5d4a4c3b9a2f1e0d9c8b7a60", "3f2c1b9e-5d4a-4c3b-9a2f-1e0d9c8b7a6", "ws-3f2c1b9e", ""])(
    "rejects %j",
    (id) => {
      expect(WorkspaceId.safeParse(id).success).toBe(false);
    },
  );
});
