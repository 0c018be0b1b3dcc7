// Writes every exported contract schema to packages/contract/schemas/<name>.json (JSON Schema 2020-12),
// the schema index schemas/index.json, and the shared test vectors vectors/<name>.json.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  contractVectorFile,
  EXPORTED_SCHEMAS,
  type ExportedSchemaName,
  schemaIndex,
  toContractJsonSchema,
} from "../src/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const names = Object.keys(EXPORTED_SCHEMAS) as ExportedSchemaName[];
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function writeDir(dir: string, files: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(dir))
    if (file.endsWith(".json") && !(file in files)) rmSync(join(dir, file));
  for (const [file, value] of Object.entries(files)) writeFileSync(join(dir, file), json(value));
}

const schemas: Record<string, unknown> = { "index.json": schemaIndex() };
const vectors: Record<string, unknown> = {};
for (const name of names) {
  schemas[`${name}.json`] = toContractJsonSchema(name);
  vectors[`${name}.json`] = contractVectorFile(name);
}
writeDir(join(root, "schemas"), schemas);
writeDir(join(root, "vectors"), vectors);
console.log(`wrote ${names.length} JSON Schemas, schemas/index.json and ${names.length} vector files`);
