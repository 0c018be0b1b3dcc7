import { describe, expect, it } from "vitest";
import { buildContainerEnv, type ContainerEnvInput, isStrippedSecret } from "./container-env.js";

const base: ContainerEnvInput = {
  workspaceId: "3f2c0000-0000-4000-8000-000000000001",
  tier: 2,
  platformUrl: "http://172.18.0.1:8080",
  workspaceUrl: "http://localhost:40123",
  declaredPlugins: ["scheduler", "memory"],
  secrets: {},
};

function envOf(input: Partial<ContainerEnvInput>): Record<string, string> {
  const lines = buildContainerEnv({ ...base, ...input });
  expect(new Set(lines.map((line) => line.split("=")[0])).size).toBe(lines.length);
  return Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
}

describe("buildContainerEnv", () => {
  it("sets the platform's fixed variables (contract 8.1)", () => {
    expect(envOf({})).toEqual({
      WORKSPACE_ID: base.workspaceId,
      WORKSPACE_CONFIG_PATH: "/configs",
      TIER: "2",
      PLATFORM_URL: "http://172.18.0.1:8080",
      MOLECULE_URL: "http://172.18.0.1:8080",
      PLUGINS_DIR: "/plugins",
      PYTHONPATH: "/app",
      MOLECULE_WORKSPACE_URL: "http://localhost:40123",
      MOLECULE_DECLARED_PLUGINS: "scheduler,memory",
    });
  });

  it("sets MODEL and MOLECULE_MODEL only when a model is given", () => {
    expect(envOf({ model: "claude-opus-4-7" })).toMatchObject({
      MODEL: "claude-opus-4-7",
      MOLECULE_MODEL: "claude-opus-4-7",
    });
    expect(envOf({ model: "" })).not.toHaveProperty("MODEL");
  });

  it("strips platform and forge tokens from every secret source", () => {
    const tokens = {
      ADMIN_TOKEN: "a",
      MOLECULE_ADMIN_TOKEN: "b",
      CP_ADMIN_API_TOKEN: "c",
      CP_ADMIN_TOKEN: "d",
      CP_PROMOTE_PROD_API_TOKEN: "e",
      GITEA_TOKEN: "f",
      GITLAB_TOKEN: "g",
      GL_TOKEN: "h",
      BITBUCKET_TOKEN: "i",
    };
    const env = envOf({ globalSecrets: { ...tokens, GH_TOKEN: "j", GITHUB_TOKEN: "k" }, secrets: tokens });
    for (const key of [...Object.keys(tokens), "GH_TOKEN", "GITHUB_TOKEN"])
      expect(env).not.toHaveProperty(key);
  });

  it("keeps an explicit workspace GH_TOKEN or GITHUB_TOKEN", () => {
    expect(
      envOf({ secrets: { GH_TOKEN: "ws-gh" }, globalSecrets: { GITHUB_TOKEN: "global" } }),
    ).toMatchObject({
      GH_TOKEN: "ws-gh",
    });
    expect(isStrippedSecret("GITHUB_TOKEN", true)).toBe(false);
    expect(isStrippedSecret("GITHUB_TOKEN", false)).toBe(true);
  });

  it("aliases GH_PAT to GH_TOKEN and GITHUB_TOKEN unless the workspace sets them", () => {
    expect(envOf({ secrets: { GH_PAT: "pat" } })).toMatchObject({
      GH_PAT: "pat",
      GH_TOKEN: "pat",
      GITHUB_TOKEN: "pat",
    });
    expect(envOf({ secrets: { GH_PAT: "pat", GITHUB_TOKEN: "own" } })).toMatchObject({
      GH_TOKEN: "pat",
      GITHUB_TOKEN: "own",
    });
  });

  it("lets workspace secrets override global ones and a HOSTNAME secret set HOSTNAME", () => {
    expect(
      envOf({
        globalSecrets: { ANTHROPIC_API_KEY: "global" },
        secrets: { ANTHROPIC_API_KEY: "ws", HOSTNAME: "localhost" },
      }),
    ).toMatchObject({ ANTHROPIC_API_KEY: "ws", HOSTNAME: "localhost" });
    expect(envOf({})).not.toHaveProperty("HOSTNAME");
  });
});
