import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseStubKnobs } from "../config.js";
import { StubConfigError } from "../stub-runtime-error.js";
import { isStubDefect, STUB_DEFECTS, type StubDefect, stubBehaviour, wireBody } from "./stub-defects.js";

const ID = "3f2c1a9e-5b7d-4c1e-9a2b-6d8e0f1a2b3c";

describe("STUB_DEFECT", () => {
  it("is off by default: the clean behaviour", () => {
    expect(parseStubKnobs({}).defect).toBeUndefined();
    expect(stubBehaviour()).toEqual({
      rereadTokenFile: true,
      bearerOn: { register: true, heartbeat: true },
      bearerWhenNone: undefined,
      keepIssuedToken: true,
      registerAdvertisedUrl: true,
      heartbeats: true,
      firstBeatDelayIntervals: 0,
      beatIntervalFactor: 1,
      stopBeatsOn: undefined,
      listenBeforeRegister: true,
      exitIfPlatformDownAtBoot: false,
      bootOnReusedVolume: true,
      handleSigterm: true,
      wireBody: undefined,
      a2a: undefined,
    });
  });

  it("is refused at startup when unknown, naming the known ones", () => {
    expect(() => parseStubKnobs({ STUB_DEFECT: "cache-everything" })).toThrow(StubConfigError);
    expect(() => parseStubKnobs({ STUB_DEFECT: "cache-everything" })).toThrow(
      /STUB_DEFECT: is not a known defect: "cache-everything" \(use one of cache-first-token, /,
    );
    expect(parseStubKnobs({ STUB_DEFECT: "role-user" }).defect).toBe("role-user");
  });

  it("changes exactly one thing of the clean behaviour for each defect", () => {
    const clean = stubBehaviour();
    for (const defect of Object.keys(STUB_DEFECTS) as StubDefect[]) {
      expect(isStubDefect(defect)).toBe(true);
      const changed = Object.entries(stubBehaviour(defect)).filter(
        ([key, value]) => JSON.stringify(value) !== JSON.stringify(clean[key as keyof typeof clean]),
      );
      expect(
        changed.map(([key]) => key),
        defect,
      ).toHaveLength(1);
    }
  });

  it("breaks register and heartbeat bodies on the wire, one way per wire defect", () => {
    const register = { id: ID, url: "http://localhost:1", agent_card: { name: ID, skills: [] } };
    const beat = { workspace_id: ID, uptime_seconds: 3 };
    expect(wireBody("register-without-card", "/registry/register", register)).not.toHaveProperty(
      "agent_card",
    );
    expect(wireBody("card-without-name", "/registry/register", register)).toEqual({
      ...register,
      agent_card: { skills: [] },
    });
    expect(wireBody("short-workspace-id", "/registry/heartbeat", beat)).toEqual({
      ...beat,
      workspace_id: ID.slice(0, 12),
    });
    expect(wireBody("float-uptime", "/registry/heartbeat", beat)).toEqual({ ...beat, uptime_seconds: 3.5 });
    expect(wireBody("heartbeat-extra-field", "/registry/heartbeat", beat)).toEqual({
      ...beat,
      state: "healthy",
    });
    expect(wireBody("heartbeat-extra-field", "/registry/register", register)).toEqual(register);
    expect(wireBody(undefined, "/registry/register", register)).toEqual(register);
  });

  it("is documented in the README, every defect with what it does", () => {
    // Cells padded to align the table count as one space.
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8").replace(/ +/g, " ");
    for (const [defect, summary] of Object.entries(STUB_DEFECTS)) {
      expect(readme, defect).toContain(`| \`${defect}\` | ${summary} |`);
    }
  });
});
