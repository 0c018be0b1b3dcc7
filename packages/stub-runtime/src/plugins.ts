import { mkdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import type { Report } from "./stub-logger.js";

/**
 * The directory name of a declared plugin source (contract 10.3 step 2): everything up to `://`
 * dropped, `#ref` dropped, trailing `/` trimmed, then the last path segment.
 * `gitea://molecule-ai/molecule-ai-plugin-scheduler#v0.2.0` → `molecule-ai-plugin-scheduler`.
 * Returns undefined when nothing usable is left (`""`, `.`, `..`).
 */
export function pluginNameFromSource(source: string): string | undefined {
  const schemeEnd = source.indexOf("://");
  let rest = schemeEnd === -1 ? source : source.slice(schemeEnd + 3);
  const hash = rest.indexOf("#");
  if (hash !== -1) rest = rest.slice(0, hash);
  rest = rest.replace(/\/+$/, "");
  const name = rest.slice(rest.lastIndexOf("/") + 1).trim();
  if (name === "" || name === "." || name === ".." || name.includes("\\")) return undefined;
  return name;
}

/** The outcome for one declared plugin source. */
export interface MaterializedPlugin {
  source: string;
  name: string | undefined;
  outcome: "written" | "present" | "skipped" | "failed";
}

/**
 * Writes `<config>/plugins/<name>/plugin.yaml` with a non-empty placeholder for each declared source,
 * unless a non-empty file is already there, so the platform's plugin reconcile finds them present
 * (contract 10.6). Errors are reported, never thrown.
 */
export async function materializePlugins(
  configPath: string,
  sources: ReadonlyArray<string>,
  report: Report,
): Promise<MaterializedPlugin[]> {
  const results: MaterializedPlugin[] = [];
  for (const source of sources) {
    const name = pluginNameFromSource(source);
    if (name === undefined) {
      report(`plugin source ${JSON.stringify(source)} names no plugin directory: skipped`);
      results.push({ source, name, outcome: "skipped" });
      continue;
    }
    const file = join(configPath, "plugins", name, "plugin.yaml");
    try {
      if (await isNonEmptyFile(file)) {
        results.push({ source, name, outcome: "present" });
        continue;
      }
      await mkdir(join(configPath, "plugins", name), { recursive: true });
      await writeFile(file, placeholder(name, source));
      report(`plugin ${name}: wrote placeholder ${file}`);
      results.push({ source, name, outcome: "written" });
    } catch (error) {
      report(`plugin ${name}: cannot write ${file} (${(error as Error).message}); continuing without it`);
      results.push({ source, name, outcome: "failed" });
    }
  }
  return results;
}

async function isNonEmptyFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).size > 0;
  } catch {
    return false;
  }
}

function placeholder(name: string, source: string): string {
  const hash = source.indexOf("#");
  return stringify({
    name,
    version: hash === -1 ? "stub" : source.slice(hash + 1),
    description: "placeholder written by the molecule-ctk stub runtime",
    source,
  });
}
