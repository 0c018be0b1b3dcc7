import { describe, expect, it } from "vitest";
import { VerifyError } from "../verify-error.js";
import { parsePlatformArgs } from "./platform-options.js";

describe("parsePlatformArgs", () => {
  it("defaults to development mode, level MUST, upstream's 180 s TTL and the harness's 90 s online timeout", () => {
    expect(parsePlatformArgs(["--base", "http://127.0.0.1:8080/", "--admin-token", "T"], {})).toEqual({
      baseUrl: "http://127.0.0.1:8080",
      adminToken: "T",
      deployMode: "development",
      level: "MUST",
      reportDir: undefined,
      livenessTtlMs: 180_000,
      agentHost: undefined,
      platformLog: undefined,
      onlineTimeoutMs: 90_000,
      only: [],
    });
  });

  it("reads every flag, and BASE, ADMIN_TOKEN and PLATFORM_LOG from the environment as the harness sets them", () => {
    const options = parsePlatformArgs(
      [
        "--deploy-mode",
        "saas",
        "--level",
        "should",
        "--report",
        "r",
        "--liveness-ttl",
        "1.5",
        "--agent-host",
        "10.1.2.3",
        "--online-timeout",
        "30",
        "--only",
        "a2a.",
        "--only",
        "url-",
      ],
      { BASE: "http://platform:8080", MOLECULE_ADMIN_TOKEN: "M", PLATFORM_LOG: "p.log" },
    );
    expect(options).toEqual({
      baseUrl: "http://platform:8080",
      adminToken: "M",
      deployMode: "saas",
      level: "SHOULD",
      reportDir: "r",
      livenessTtlMs: 1500,
      agentHost: "10.1.2.3",
      platformLog: "p.log",
      onlineTimeoutMs: 30_000,
      only: ["a2a.", "url-"],
    });
  });

  it("refuses a positional argument", () => {
    expect(() => parsePlatformArgs(["extra", "--base", "http://x:1", "--admin-token", "T"], {})).toThrow(
      VerifyError,
    );
  });
});
