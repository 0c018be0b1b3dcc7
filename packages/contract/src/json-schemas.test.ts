import { readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildAgentReply,
  buildHeartbeatRequest,
  buildJsonRpcError,
  buildRegisterRequest,
} from "./builders.js";
import {
  committedJsonSchema,
  FORWARDED_MESSAGE_SEND,
  jsonSchemaValidator,
  REFERENCE_HEARTBEAT_BODY,
  REFERENCE_METHOD_NOT_FOUND,
  REFERENCE_REGISTER_BODY,
  REFERENCE_REPLY,
  undescribedProperties,
  V03_AGENT_CARD,
  WORKSPACE_ROW,
} from "./contract-test-utils.js";
import { EXPORTED_SCHEMAS, type ExportedSchemaName, toContractJsonSchema } from "./json-schemas.js";

const names = Object.keys(EXPORTED_SCHEMAS) as ExportedSchemaName[];

describe("committed JSON Schemas", () => {
  it.each(names)(
    "schemas/%s.json matches the zod source (run `pnpm schemas` after editing a schema)",
    (name) => {
      expect(committedJsonSchema(name)).toEqual(toContractJsonSchema(name));
    },
  );

  it("holds exactly one file per exported schema, and the index", () => {
    const files = readdirSync(new URL("../schemas/", import.meta.url)).filter((f) => f.endsWith(".json"));
    expect(files.sort()).toEqual([...names.map((name) => `${name}.json`), "index.json"].sort());
  });

  it.each(names)("%s compiles under a strict standard 2020-12 validator", (name) => {
    expect(() => jsonSchemaValidator(name)).not.toThrow();
  });
});

describe("field descriptions", () => {
  it("give every property of every committed JSON Schema a description, at any depth", () => {
    const undescribed = names.flatMap((name) =>
      undescribedProperties(committedJsonSchema(name), `${name}.json`),
    );
    expect(undescribed).toEqual([]);
  });

  it("are looked for in $defs, items and anyOf/oneOf branches, and never in data keywords", () => {
    const schema = {
      type: "object",
      description: "the root needs none, being no property",
      properties: {
        ok: { type: "string", description: "described" },
        blank: { type: "string", description: " " },
        "a/b": true,
        properties: {
          type: "object",
          description: "a property named properties",
          properties: { inner: { type: "string" } },
        },
        list: { type: "array", description: "d", items: { type: "object", properties: { item: {} } } },
      },
      oneOf: [{ properties: { branch: {} }, required: ["branch"] }],
      anyOf: [{ additionalProperties: { properties: { value: {} } } }],
      $defs: { shared: { properties: { defined: { $ref: "#/$defs/shared" } } } },
      default: { properties: { data: {} } },
      const: { properties: { data: {} } },
    };
    expect(undescribedProperties(schema, "x.json").sort()).toEqual(
      [
        "x.json#/properties/blank",
        "x.json#/properties/a~1b",
        "x.json#/properties/properties/properties/inner",
        "x.json#/properties/list/items/properties/item",
        "x.json#/oneOf/0/properties/branch",
        "x.json#/anyOf/0/additionalProperties/properties/value",
        "x.json#/$defs/shared/properties/defined",
      ].sort(),
    );
  });
});

describe("standard JSON Schema validation of real bodies", () => {
  it.each([
    ["register-request", REFERENCE_REGISTER_BODY],
    ["heartbeat-request", REFERENCE_HEARTBEAT_BODY],
    ["message-send-request", FORWARDED_MESSAGE_SEND],
    ["message-send-response", REFERENCE_REPLY],
    ["json-rpc-response", REFERENCE_METHOD_NOT_FOUND],
    ["json-rpc-error-response", REFERENCE_METHOD_NOT_FOUND],
    ["a2a-agent-card", V03_AGENT_CARD],
    ["workspace-row", WORKSPACE_ROW],
  ] as const)("%s accepts the reference body", (name, body) => {
    expect(jsonSchemaValidator(name)(body)).toBe(true);
  });

  it.each([
    ["register-request", { ...REFERENCE_REGISTER_BODY, agent_card: "x" }],
    ["register-request", { url: "http://localhost:8000", agent_card: {} }],
    ["heartbeat-request", { ...REFERENCE_HEARTBEAT_BODY, active_tasks: 0.5 }],
    ["json-rpc-error-response", { jsonrpc: "2.0", id: { a: 1 }, error: { code: -32601, message: "m" } }],
    ["a2a-agent-card", { ...V03_AGENT_CARD, skills: undefined }],
    ["workspace-row", { ...WORKSPACE_ROW, status: "starting" }],
  ] as const)("%s rejects an invalid body", (name, body) => {
    expect(jsonSchemaValidator(name)(JSON.parse(JSON.stringify(body)))).toBe(false);
  });
});

describe("zod and the exported JSON Schema agree", () => {
  const heartbeatLike = fc.record(
    {
      workspace_id: fc.oneof(fc.uuid(), fc.constant(""), fc.integer()),
      error_rate: fc.oneof(fc.double({ min: -1, max: 2, noNaN: true }), fc.string()),
      active_tasks: fc.oneof(
        fc.integer({ min: -5, max: 5 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
      ),
      uptime_seconds: fc.nat(),
      runtime_state: fc.oneof(fc.constant("wedged"), fc.integer()),
    },
    { requiredKeys: [] },
  );

  it("on generated heartbeat-like bodies", () => {
    const validate = jsonSchemaValidator("heartbeat-request");
    fc.assert(
      fc.property(heartbeatLike, (body) => {
        expect(validate(body)).toBe(EXPORTED_SCHEMAS["heartbeat-request"].safeParse(body).success);
      }),
    );
  });

  it("on every builder's output", () => {
    const register = jsonSchemaValidator("register-request");
    const heartbeat = jsonSchemaValidator("heartbeat-request");
    const reply = jsonSchemaValidator("message-send-response");
    const error = jsonSchemaValidator("json-rpc-error-response");
    fc.assert(
      fc.property(fc.uuid(), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), (workspaceId, id) => {
        expect(register(buildRegisterRequest({ workspaceId }, { url: "http://localhost:1" }))).toBe(true);
        expect(heartbeat(buildHeartbeatRequest({ workspaceId }, { uptimeSeconds: 3 }))).toBe(true);
        expect(reply(buildAgentReply({ id }))).toBe(true);
        expect(error(buildJsonRpcError("TaskNotFound", { id }))).toBe(true);
      }),
    );
  });
});
