import { describe, expect, it } from "vitest";
import { MockPlatformOptionError } from "../mock-platform-error.js";
import { resolveOptions } from "../options.js";
import { PLATFORM_MUTANTS, platformMutant } from "./platform-mutants.js";

describe("platform mutants", () => {
  it("are never on by default", () => {
    expect(resolveOptions({}).mutant).toBeUndefined();
  });

  it("accepts every listed name and refuses any other, naming the known ones", () => {
    for (const name of Object.keys(PLATFORM_MUTANTS))
      expect(resolveOptions({ mutant: platformMutant(name) }).mutant).toBe(name);
    expect(() => platformMutant("nope")).toThrow(MockPlatformOptionError);
    expect(() => resolveOptions({ mutant: "nope" as never })).toThrow(
      /unknown mutant "nope": use one of no-c18-guard/,
    );
  });

  it("name an upstream rule or incident each", () => {
    for (const what of Object.values(PLATFORM_MUTANTS)) expect(what).toMatch(/\(.*(#\d+|contract \d)/);
  });
});
