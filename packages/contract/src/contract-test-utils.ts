// Test helpers of the contract package: the validators over the committed files, failure messages.
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { ExportedSchemaName } from "./json-schemas.js";
import { safeParseContract } from "./parse.js";

export {
  APRIL_RUNTIME_CARD,
  FORWARDED_MESSAGE_SEND,
  HARNESS_A2A_BODY,
  REFERENCE_HEARTBEAT_BODY,
  REFERENCE_METHOD_NOT_FOUND,
  REFERENCE_REGISTER_BODY,
  REFERENCE_REPLY,
  TOKEN,
  V03_AGENT_CARD,
  WORKSPACE_ID,
  WORKSPACE_ROW,
} from "./vectors/reference-bodies.js";

const schemasDir = new URL("../schemas/", import.meta.url);

/** The committed JSON Schema file of an exported schema. */
export function committedJsonSchema(name: ExportedSchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`${name}.json`, schemasDir), "utf8")) as Record<string, unknown>;
}

/** A strict standard 2020-12 validator (ajv) over the committed JSON Schema files. */
export function jsonSchemaValidator(name: ExportedSchemaName): (value: unknown) => boolean {
  // allowUnionTypes: `type: ["string", "null"]` is standard 2020-12; only ajv's own strict mode frowns on it.
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(committedJsonSchema(name));
  return (value) => validate(value) === true;
}

/** The message of the error `value` must fail `schema` with (subject "body"); throws if it passes. */
export function failureMessage(
  schema: Parameters<typeof safeParseContract>[0],
  value: unknown,
  subject = "body",
): string {
  const result = safeParseContract(schema, value, subject);
  if (result.ok) throw new Error(`expected ${JSON.stringify(value)} to fail`);
  return result.error.message;
}

// JSON Schema 2020-12 keywords whose value is a subschema, a map of subschemas or a list of them; every
// other keyword (const, enum, default, examples, required...) holds data, which the walk never enters.
const SUBSCHEMA = [
  "items",
  "additionalProperties",
  "propertyNames",
  "unevaluatedProperties",
  "unevaluatedItems",
  "contains",
  "not",
  "if",
  "then",
  "else",
];
const SUBSCHEMA_MAPS = ["properties", "patternProperties", "$defs", "dependentSchemas"];
const SUBSCHEMA_LISTS = ["anyOf", "oneOf", "allOf", "prefixItems"];

const pointer = (path: string[]) =>
  path.map((key) => `/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Every property of a JSON Schema, at any depth ($defs, items, anyOf/oneOf branches...), that has no
 * non-empty `description`, as `file#/json/pointer`.
 */
export function undescribedProperties(schema: unknown, file: string): string[] {
  const found: string[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (!isObject(node)) return;
    for (const keyword of SUBSCHEMA) walk(node[keyword], [...path, keyword]);
    for (const keyword of SUBSCHEMA_LISTS) {
      const list = node[keyword];
      if (Array.isArray(list))
        for (const [i, branch] of list.entries()) walk(branch, [...path, keyword, String(i)]);
    }
    for (const keyword of SUBSCHEMA_MAPS) {
      const map = node[keyword];
      if (!isObject(map)) continue;
      for (const [key, value] of Object.entries(map)) {
        const at = [...path, keyword, key];
        const described =
          isObject(value) && typeof value.description === "string" && value.description.trim() !== "";
        if (keyword === "properties" && !described) found.push(`${file}#${pointer(at)}`);
        walk(value, at);
      }
    }
  };
  walk(schema, []);
  return found;
}
