import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { redactBody, redactHeaders, redactSecret } from "./journal-redaction.js";

const token = () => randomBytes(32).toString("base64url");

describe("journal redaction", () => {
  it("fingerprints a secret with the start of the sha256 the platform stores", () => {
    const secret = token();
    const hash = createHash("sha256").update(secret).digest("hex");
    expect(redactSecret(secret)).toBe(`<redacted sha256:${hash.slice(0, 12)}>`);
    expect(redactSecret(secret)).not.toContain(secret.slice(0, 8));
  });

  it("keeps a bearer's scheme and fingerprints its token, and leaves other headers alone", () => {
    const secret = token();
    const headers = redactHeaders(
      new Headers({
        authorization: `Bearer ${secret}`,
        "x-workspace-id": "ws-1",
        cookie: "session=abc",
        "x-api-key": "k-123",
      }),
    );
    expect(headers).toEqual({
      authorization: `Bearer ${redactSecret(secret)}`,
      "x-workspace-id": "ws-1",
      cookie: redactSecret("session=abc"),
      "x-api-key": redactSecret("k-123"),
    });
    expect(redactHeaders(new Headers({ authorization: "Bearer " }))).toEqual({ authorization: "Bearer" });
  });

  it("bounds the headers it keeps", () => {
    const many = new Headers();
    for (let i = 0; i < 100; i++) many.set(`x-h-${String(i).padStart(3, "0")}`, "v".repeat(5000));
    const kept = redactHeaders(many);
    expect(Object.keys(kept)).toHaveLength(64);
    expect(Object.values(kept).every((value) => value.length <= 1025)).toBe(true);
  });

  it("redacts the credentials of a JSON body and keeps its shape", () => {
    const body = {
      id: "w",
      auth_token: "t-1",
      agent_card: { name: "n", platform_inbound_secret: "s-1" },
      secrets: { ANTHROPIC_API_KEY: "sk-1", HOSTNAME: "localhost" },
      write: { key: "LLM_KEY", value: "v-1" },
      list: [{ password: "p-1" }],
      empty: "",
    };
    expect(JSON.parse(redactBody(JSON.stringify(body)))).toEqual({
      id: "w",
      auth_token: redactSecret("t-1"),
      agent_card: { name: "n", platform_inbound_secret: redactSecret("s-1") },
      secrets: { ANTHROPIC_API_KEY: redactSecret("sk-1"), HOSTNAME: redactSecret("localhost") },
      write: { key: "LLM_KEY", value: redactSecret("v-1") },
      list: [{ password: redactSecret("p-1") }],
      empty: "",
    });
  });

  it("redacts bearers and platform tokens in a body that is not JSON", () => {
    const secret = token();
    const text = `token=${secret}&note=hello Bearer abc.def`;
    expect(redactBody(text)).toBe(
      `token=${redactSecret(secret)}&note=hello Bearer ${redactSecret("abc.def")}`,
    );
  });
});
