import type { ExportedSchemaName } from "../json-schemas.js";
import { A2A_V1_VECTORS } from "./a2a-v1-vectors.js";
import { A2A_VECTORS } from "./a2a-vectors.js";
import { MISC_VECTORS } from "./misc-vectors.js";
import { REGISTRY_VECTORS } from "./registry-vectors.js";
import { SSOT_VECTORS } from "./upstream-ssot.js";
import type { VectorSet } from "./vector.js";
import { WORKSPACE_VECTORS } from "./workspace-vectors.js";

const AREAS: Record<string, VectorSet> = {
  ...REGISTRY_VECTORS,
  ...A2A_VECTORS,
  ...A2A_V1_VECTORS,
  ...WORKSPACE_VECTORS,
  ...MISC_VECTORS,
};

/**
 * The shared test vectors of every exported schema: labelled bodies it accepts and refuses, upstream's
 * SSOT instances among the accepted. `pnpm schemas` writes them to `vectors/<name>.json`; the tests
 * check them with zod, ajv and Python's jsonschema.
 */
export function contractVectors(
  names: ReadonlyArray<ExportedSchemaName>,
): Record<ExportedSchemaName, VectorSet> {
  const out = {} as Record<ExportedSchemaName, VectorSet>;
  for (const name of names) {
    const own = AREAS[name] ?? { pass: [], fail: [] };
    out[name] = { pass: [...own.pass, ...(SSOT_VECTORS[name] ?? [])], fail: own.fail };
  }
  return out;
}

/** The content of `vectors/<name>.json`: the schema it tests, and the labelled bodies it must accept and refuse. */
export function contractVectorFile(name: ExportedSchemaName) {
  const set = contractVectors([name])[name];
  return { schema: name, schemaFile: `../schemas/${name}.json`, pass: set.pass, fail: set.fail };
}
