import { describe, expect, it } from "vitest";
import { WORKSPACE_ID } from "./contract-test-utils.js";
import { parseRuntimeEnv, RuntimeEnvError, resolveRegisterUrl } from "./runtime-env.js";

describe("parseRuntimeEnv", () => {
  it("reads the environment the provisioner injects (contract 8.1)", () => {
    const config = parseRuntimeEnv({
      WORKSPACE_ID,
      PLATFORM_URL: "http://172.18.0.1:8080/",
      MOLECULE_URL: "http://ignored:1",
      WORKSPACE_CONFIG_PATH: "/configs",
      MOLECULE_WORKSPACE_URL: "http://localhost:32768",
      MOLECULE_DECLARED_PLUGINS: "gitea://molecule-ai/molecule-ai-plugin-scheduler#v0.2.0, ,local://x",
      HOSTNAME: "localhost",
      UNRELATED: "ignored",
    });
    expect(config).toEqual({
      workspaceId: WORKSPACE_ID,
      platformUrl: "http://172.18.0.1:8080",
      configPath: "/configs",
      tokenFile: "/configs/.auth_token",
      workspaceUrl: "http://localhost:32768",
      registerUrlOverride: undefined,
      declaredPlugins: ["gitea://molecule-ai/molecule-ai-plugin-scheduler#v0.2.0", "local://x"],
      hostname: "localhost",
    });
  });

  it("falls back to MOLECULE_URL and defaults the config path to /configs", () => {
    const config = parseRuntimeEnv({ WORKSPACE_ID, MOLECULE_URL: "https://platform.example.test//" });
    expect(config.platformUrl).toBe("https://platform.example.test");
    expect(config.configPath).toBe("/configs");
    expect(config.tokenFile).toBe("/configs/.auth_token");
  });

  it("treats empty and blank values as unset, like the reference stub", () => {
    const config = parseRuntimeEnv({
      WORKSPACE_ID: ` ${WORKSPACE_ID} `,
      PLATFORM_URL: "  ",
      MOLECULE_URL: "http://m:1",
    });
    expect(config.workspaceId).toBe(WORKSPACE_ID);
    expect(config.platformUrl).toBe("http://m:1");
  });

  it("strips trailing slashes of the config path", () => {
    expect(
      parseRuntimeEnv({ WORKSPACE_ID, PLATFORM_URL: "http://p", WORKSPACE_CONFIG_PATH: "/srv/c/" }).tokenFile,
    ).toBe("/srv/c/.auth_token");
  });

  it("throws ONE error listing every missing variable", () => {
    const error = catchError(() => parseRuntimeEnv({}));
    expect(error).toBeInstanceOf(RuntimeEnvError);
    expect(error.problems.map((p) => p.variable)).toEqual(["WORKSPACE_ID", "PLATFORM_URL"]);
    expect(error.message).toContain("WORKSPACE_ID: is required (the workspace UUID the platform assigned)");
    expect(error.message).toContain(
      "PLATFORM_URL: is required (the platform's base URL; MOLECULE_URL is the fallback)",
    );
  });

  it("names every invalid variable with what is wrong with it", () => {
    const error = catchError(() =>
      parseRuntimeEnv({
        WORKSPACE_ID: "not-a-uuid",
        PLATFORM_URL: "ftp://platform:21",
        WORKSPACE_CONFIG_PATH: "relative/path",
        STUB_REGISTER_URL: "localhost:8000",
      }),
    );
    expect(error.problems).toEqual([
      { variable: "WORKSPACE_ID", problem: "must be a UUID (8-4-4-4-12 hex digits)" },
      { variable: "PLATFORM_URL", problem: "must be an http:// or https:// URL" },
      { variable: "WORKSPACE_CONFIG_PATH", problem: "must be an absolute path" },
      { variable: "STUB_REGISTER_URL", problem: "must be an http:// or https:// URL" },
    ]);
  });

  it("reports a missing platform URL alongside an invalid id", () => {
    const error = catchError(() => parseRuntimeEnv({ WORKSPACE_ID: "x" }));
    expect(error.problems.map((p) => p.variable)).toEqual(["WORKSPACE_ID", "PLATFORM_URL"]);
  });
});

describe("resolveRegisterUrl", () => {
  const base = { WORKSPACE_ID, PLATFORM_URL: "http://p:8080" };

  it("prefers STUB_REGISTER_URL, then MOLECULE_WORKSPACE_URL (#2851), then localhost:<port>", () => {
    const both = parseRuntimeEnv({
      ...base,
      STUB_REGISTER_URL: "http://a:1",
      MOLECULE_WORKSPACE_URL: "http://b:2",
    });
    expect(resolveRegisterUrl(both)).toBe("http://a:1");
    expect(resolveRegisterUrl(parseRuntimeEnv({ ...base, MOLECULE_WORKSPACE_URL: "http://b:2" }))).toBe(
      "http://b:2",
    );
    expect(resolveRegisterUrl(parseRuntimeEnv(base))).toBe("http://localhost:8000");
    expect(resolveRegisterUrl(parseRuntimeEnv(base), 18080)).toBe("http://localhost:18080");
  });
});

function catchError(fn: () => unknown): RuntimeEnvError {
  try {
    fn();
  } catch (error) {
    return error as RuntimeEnvError;
  }
  throw new Error("expected an error");
}
