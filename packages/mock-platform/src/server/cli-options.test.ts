import { describe, expect, it } from "vitest";
import { PLATFORM_MUTANTS } from "../mutants/platform-mutants.js";
import { CliUsageError, parseServeArgs, USAGE } from "./cli-options.js";

describe("parseServeArgs", () => {
  it("parses every serve flag", () => {
    const options = parseServeArgs(
      [
        "serve",
        "--port",
        "0",
        "--host",
        "0.0.0.0",
        "--admin-token",
        "T",
        "--provisioner",
        "docker",
        "--image",
        "img:1",
        "--network",
        "net",
        "--platform-url",
        "http://172.18.0.1:8080",
        "--advertise-host",
        "localhost",
        "--label",
        "run=abc",
        "--liveness-ttl",
        "0.5",
        "--provision-timeout",
        "30",
        "--deploy-mode",
        "development",
        "--in-docker",
        "--log-file",
        "logs/p.log",
        "--mutant",
        "no-c18-guard",
      ],
      {},
    );
    expect(options).toEqual({
      host: "0.0.0.0",
      port: 0,
      adminToken: "T",
      provisioner: "docker",
      image: "img:1",
      network: "net",
      platformUrl: "http://172.18.0.1:8080",
      advertiseHost: "localhost",
      labels: { run: "abc" },
      livenessTtlMs: 500,
      provisionTimeoutMs: 30_000,
      deployMode: "development",
      inDocker: true,
      logFile: "logs/p.log",
      mutant: "no-c18-guard",
    });
  });

  it("falls back to the platform's environment", () => {
    const options = parseServeArgs(["serve"], {
      ADMIN_TOKEN: "A",
      PORT: "9090",
      BIND_ADDR: "0.0.0.0",
      MOLECULE_ENV: "development",
      MOLECULE_IN_DOCKER: "true",
      PLATFORM_LOG: "logs/x.log",
    });
    expect(options).toMatchObject({
      adminToken: "A",
      port: 9090,
      host: "0.0.0.0",
      deployMode: "development",
      inDocker: true,
      logFile: "logs/x.log",
    });
  });

  it("defaults to a local mock platform: auto provisioner, development mode, loopback on 8080", () => {
    expect(parseServeArgs(["serve"], {})).toMatchObject({
      host: "127.0.0.1",
      port: 8080,
      provisioner: "auto",
      deployMode: "development",
      image: undefined,
      mutant: undefined,
    });
  });

  it.each([
    [{ MOLECULE_DEPLOY_MODE: "SaaS" }, "saas"],
    [{ MOLECULE_DEPLOY_MODE: "self-hosted" }, "self-hosted"],
    [{ MOLECULE_DEPLOY_MODE: "anything-else" }, "self-hosted"],
    [{ MOLECULE_ENV: "dev", MOLECULE_DEPLOY_MODE: "saas" }, "development"],
  ])("reads the deploy mode from %j", (env, mode) => {
    expect(parseServeArgs(["serve"], env)).toMatchObject({ deployMode: mode });
  });

  it.each([
    [["serve", "--bogus"], /Unknown option '--bogus'/],
    [["serve", "--port", "70000"], /--port must be 0-65535/],
    [["serve", "--provisioner", "k8s"], /--provisioner must be auto, docker, memory or none/],
    [["serve", "--deploy-mode", "prod"], /--deploy-mode must be/],
    [["serve", "--liveness-ttl", "0"], /--liveness-ttl must be a positive number/],
    [["serve", "--label", "novalue"], /--label must be KEY=VALUE/],
    [
      ["serve", "--mutant", "no-such-defect"],
      /--mutant must be one of no-c18-guard, .*, got "no-such-defect"/,
    ],
    [[], /missing command: serve/],
    [["start"], /unknown command "start"/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseServeArgs(argv, {})).toThrow(CliUsageError);
    expect(() => parseServeArgs(argv, {})).toThrow(message);
  });

  it("returns help, and the usage documents every flag", () => {
    expect(parseServeArgs(["--help"], {})).toBe("help");
    for (const flag of [
      "--port",
      "--host",
      "--admin-token",
      "--provisioner",
      "--image",
      "--network",
      "--platform-url",
      "--liveness-ttl",
      "--deploy-mode",
      "--in-docker",
      "--log-file",
      "--mutant",
    ]) {
      expect(USAGE).toContain(flag);
    }
  });

  it("lists every mutant in the usage, each marked a test affordance", () => {
    expect(USAGE).toMatch(/--mutant NAME\s+TEST AFFORDANCE/);
    for (const name of Object.keys(PLATFORM_MUTANTS)) expect(USAGE).toContain(`${name}: `);
  });
});
