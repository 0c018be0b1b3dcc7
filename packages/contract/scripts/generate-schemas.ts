// Writes every exported contract schema to packages/contract/schemas/<name>.json (JSON Schema 2020-12).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { EXPORTED_SCHEMAS, type ExportedSchemaName, toContractJsonSchema } from "../src/index.js";

const outDir = join(dirname(fileURLToPath(import.meta.url)), "..", "schemas");
mkdirSync(outDir, { recursive: true });
const names = Object.keys(EXPORTED_SCHEMAS) as ExportedSchemaName[];
for (const file of readdirSync(outDir)) {
  if (file.endsWith(".json") && !names.includes(file.slice(0, -".json".length) as ExportedSchemaName)) {
    rmSync(join(outDir, file));
  }
}
for (const name of names) {
  writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify(toContractJsonSchema(name), null, 2)}\n`);
}
console.log(`wrote ${names.length} JSON Schemas to ${outDir}`);
