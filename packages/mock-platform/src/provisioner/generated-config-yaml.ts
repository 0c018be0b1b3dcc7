import type { ProvisionRequest } from "./provisioner.js";

/**
 * The generated `config.yaml` of a workspace with no template (contract 8.2): name, description,
 * version 1.0.0, tier, runtime, model and `runtime_config: {timeout: 0}`. Strings are written as
 * JSON strings, which YAML reads as double-quoted scalars. (The Docker provisioner has its own.)
 */
export function generatedConfigYaml(
  request: Pick<ProvisionRequest, "name" | "tier" | "runtime" | "model">,
): string {
  const lines = [
    `name: ${JSON.stringify(request.name)}`,
    `description: ${JSON.stringify(`${request.name} workspace`)}`,
    "version: 1.0.0",
    `tier: ${request.tier}`,
    `runtime: ${JSON.stringify(request.runtime)}`,
  ];
  if (request.model !== undefined) lines.push(`model: ${JSON.stringify(request.model)}`);
  lines.push("runtime_config:", "  timeout: 0");
  return `${lines.join("\n")}\n`;
}
