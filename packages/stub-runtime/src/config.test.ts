import { RuntimeEnvError } from "@molecule-ctk/contract";
import { describe, expect, it } from "vitest";
import { DEFAULT_KNOBS, parseStubConfig, parseStubKnobs } from "./config.js";
import { StubConfigError } from "./stub-runtime-error.js";

const ENV = { WORKSPACE_ID: "3f2c1a9e-5b7d-4c1e-9a2b-6d8e0f1a2b3c", PLATFORM_URL: "http://platform:8080/" };

describe("parseStubConfig", () => {
  it("reads the contract env and defaults every knob", () => {
    const config = parseStubConfig(ENV);
    expect(config.runtime).toMatchObject({
      workspaceId: ENV.WORKSPACE_ID,
      platformUrl: "http://platform:8080",
      configPath: "/configs",
      tokenFile: "/configs/.auth_token",
    });
    expect(config).toMatchObject(DEFAULT_KNOBS);
    expect(DEFAULT_KNOBS).toMatchObject({
      port: 8000,
      heartbeatIntervalMs: 5000,
      registerAttempts: 10,
      reply: "STUB OK",
    });
  });

  it("falls back to MOLECULE_URL", () => {
    expect(
      parseStubConfig({ WORKSPACE_ID: ENV.WORKSPACE_ID, MOLECULE_URL: "http://m:1" }).runtime.platformUrl,
    ).toBe("http://m:1");
  });

  it("throws the contract's RuntimeEnvError naming both missing variables", () => {
    expect(() => parseStubConfig({})).toThrow(RuntimeEnvError);
    expect(() => parseStubConfig({})).toThrow(/WORKSPACE_ID: is required[\s\S]*PLATFORM_URL: is required/);
  });

  it("reads every knob", () => {
    const knobs = parseStubKnobs({
      STUB_PORT: "0",
      STUB_HEARTBEAT_INTERVAL_MS: "25",
      STUB_REGISTER_ATTEMPTS: "3",
      STUB_REGISTER_DELAY_MS: "0",
      STUB_REQUEST_TIMEOUT_MS: "100",
      STUB_ERROR_RATE: "0.75",
      STUB_SAMPLE_ERROR: "disk full",
      STUB_ACTIVE_TASKS: "4",
      STUB_REPLY: "PONG",
      STUB_REPLY_DELAY_MS: "250",
      STUB_RESULT: "task",
      STUB_TASK_MS: "10",
      STUB_A2A_VERSIONS: "0.3",
    });
    expect(knobs).toEqual({
      port: 0,
      heartbeatIntervalMs: 25,
      registerAttempts: 3,
      registerDelayMs: 0,
      requestTimeoutMs: 100,
      errorRate: 0.75,
      sampleError: "disk full",
      activeTasks: 4,
      reply: "PONG",
      replyDelayMs: 250,
      result: "task",
      taskMs: 10,
      a2aVersions: ["0.3"],
    });
  });

  it.each([
    [undefined, ["1.0", "0.3"]],
    ["1.0", ["1.0"]],
    ["0.3.0, 1", ["1.0", "0.3"]],
    ["0.3,0.3", ["0.3"]],
  ])("reads STUB_A2A_VERSIONS %j as %j", (value, versions) => {
    expect(parseStubKnobs({ STUB_A2A_VERSIONS: value }).a2aVersions).toEqual(versions);
  });

  it.each([
    ["STUB_PORT", "70000"],
    ["STUB_PORT", "80a"],
    ["STUB_HEARTBEAT_INTERVAL_MS", "0"],
    ["STUB_REGISTER_ATTEMPTS", "-1"],
    ["STUB_REGISTER_DELAY_MS", "1.5"],
    ["STUB_REQUEST_TIMEOUT_MS", "soon"],
    ["STUB_ERROR_RATE", "1.5"],
    ["STUB_ERROR_RATE", "NaN"],
    ["STUB_ACTIVE_TASKS", "many"],
    ["STUB_REPLY_DELAY_MS", "1e3"],
    ["STUB_RESULT", "stream"],
    ["STUB_TASK_MS", "-5"],
    ["STUB_A2A_VERSIONS", "0.2"],
    ["STUB_A2A_VERSIONS", "1.0,,0.3"],
  ])("throws a StubConfigError naming %s given %j", (variable, value) => {
    let error: unknown;
    try {
      parseStubKnobs({ [variable]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StubConfigError);
    expect((error as StubConfigError).problems).toEqual([
      { variable, problem: expect.stringContaining(JSON.stringify(value)) },
    ]);
    expect((error as Error).message).toContain(`${variable}: must be`);
  });

  it("lists every bad knob in one error", () => {
    expect(() => parseStubKnobs({ STUB_PORT: "x", STUB_RESULT: "y" })).toThrow(/STUB_PORT[\s\S]*STUB_RESULT/);
  });

  it("treats empty values as unset", () => {
    expect(parseStubKnobs({ STUB_PORT: "", STUB_REPLY: "  " })).toMatchObject({
      port: 8000,
      reply: "STUB OK",
    });
  });
});
