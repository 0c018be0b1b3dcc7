import type { WorkspaceRecord } from "../state/workspace-record.js";

/** Runtimes whose generated config carries no `runtime_config` block. */
const NO_RUNTIME_CONFIG = new Set(["external"]);

/**
 * The generated `config.yaml` of a workspace with no template (contract 8.2): name, description,
 * version 1.0.0, tier, runtime, model and, for most runtimes, `runtime_config: {timeout: 0}`.
 * Strings are written as JSON strings, which YAML reads as double-quoted scalars.
 */
export function generatedConfigYaml(row: WorkspaceRecord): string {
  const lines = [
    `name: ${JSON.stringify(row.name)}`,
    `description: ${JSON.stringify(row.role ?? `${row.name} workspace`)}`,
    "version: 1.0.0",
    `tier: ${row.tier}`,
    `runtime: ${JSON.stringify(row.runtime)}`,
  ];
  if (row.model !== null) lines.push(`model: ${JSON.stringify(row.model)}`);
  if (!NO_RUNTIME_CONFIG.has(row.runtime)) lines.push("runtime_config:", "  timeout: 0");
  return `${lines.join("\n")}\n`;
}
