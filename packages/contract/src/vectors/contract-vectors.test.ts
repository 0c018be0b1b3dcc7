import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jsonSchemaValidator } from "../contract-test-utils.js";
import * as contract from "../index.js";
import { EXPORTED_SCHEMAS, type ExportedSchemaName, schemaIndex } from "../json-schemas.js";
import { contractVectorFile } from "./contract-vectors.js";
import { SSOT_VECTORS } from "./upstream-ssot.js";

const names = Object.keys(EXPORTED_SCHEMAS) as ExportedSchemaName[];
const packageFile = (path: string) =>
  JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), "utf8"));

const cases = names.flatMap((name) => {
  const file = contractVectorFile(name);
  return [
    ...file.pass.map((v) => ({ name, expected: true, label: v.label, value: v.value })),
    ...file.fail.map((v) => ({ name, expected: false, label: v.label, value: v.value })),
  ];
});

describe("shared test vectors", () => {
  it.each(names)("vectors/%s.json matches its generator (run `pnpm schemas` after editing one)", (name) => {
    expect(packageFile(`vectors/${name}.json`)).toEqual(JSON.parse(JSON.stringify(contractVectorFile(name))));
  });

  it("holds exactly one vector file per exported schema, each with an accepted example", () => {
    const files = readdirSync(new URL("../../vectors/", import.meta.url)).filter((f) => f.endsWith(".json"));
    expect(files.sort()).toEqual(names.map((name) => `${name}.json`).sort());
    for (const name of names) expect(contractVectorFile(name).pass.length, name).toBeGreaterThan(0);
  });

  it.each(cases)(
    "$name: zod and ajv agree that '$label' is valid: $expected",
    ({ name, expected, value }) => {
      const wire = JSON.parse(JSON.stringify(value));
      expect(EXPORTED_SCHEMAS[name].safeParse(wire).success).toBe(expected);
      expect(jsonSchemaValidator(name)(wire)).toBe(expected);
    },
  );
});

// Upstream's contract SSOT: EnterOS-AI/enteros-sdk-python, contracts/workspace-comms/ (register,
// heartbeat, a2a-envelope, agent-card *.contract.json and enforcement/platform-identity-gate.cases.json).
describe("upstream's canonical workspace-comms instances", () => {
  const ssot = Object.entries(SSOT_VECTORS).flatMap(([name, list]) =>
    list.map((v) => ({ name: name as ExportedSchemaName, label: v.label, value: v.value })),
  );

  it("cover register, heartbeat, the A2A envelope and its ack, and the agent card", () => {
    expect(Object.keys(SSOT_VECTORS).sort()).toEqual(
      [
        "a2a-async-accepted-response",
        "a2a-envelope-request",
        "heartbeat-request",
        "heartbeat-response",
        "register-request",
        "register-response",
        "registered-agent-card",
      ].sort(),
    );
  });

  it.each(ssot)("$name accepts $label under zod and ajv", ({ name, value }) => {
    expect(EXPORTED_SCHEMAS[name].safeParse(value).success).toBe(true);
    expect(jsonSchemaValidator(name)(value)).toBe(true);
  });
});

describe("schemas/index.json", () => {
  it("matches its generator (run `pnpm schemas`)", () => {
    expect(packageFile("schemas/index.json")).toEqual(schemaIndex());
  });

  it.each(schemaIndex())("names $name's file, its zod export and a description", (entry) => {
    expect(packageFile(`schemas/${entry.file}`).$id).toBe(`urn:molecule-ctk:schema:${entry.name}`);
    expect(packageFile(`schemas/${entry.vectors}`)).toHaveProperty("schema", entry.name);
    expect((contract as Record<string, unknown>)[entry.zod]).toBe(EXPORTED_SCHEMAS[entry.name]);
    expect(entry.description.length).toBeGreaterThan(10);
  });
});
