import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ScheduleEntry, SchedulesResponse } from "@molecule-ctk/contract";
import { parse, stringify } from "yaml";
import type { Report } from "./stub-logger.js";

/** The top-level `schedules:` list of `<config>/config.yaml`, as written; [] when absent or unreadable. */
export async function readConfigSchedules(configPath: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(join(configPath, "config.yaml"), "utf8");
  } catch {
    return [];
  }
  const config: unknown = parse(text);
  if (typeof config !== "object" || config === null || !("schedules" in config)) return [];
  return Array.isArray(config.schedules) ? config.schedules : [];
}

/**
 * The `GET /internal/schedules` entries: entries without a `name` are skipped, `enabled` defaults to
 * true and `source` to "template" (contract 10.5); a missing `cron`/`prompt` is "", `timezone` "UTC".
 */
export function toScheduleEntries(raw: ReadonlyArray<unknown>): ScheduleEntry[] {
  const entries: ScheduleEntry[] = [];
  for (const item of raw) {
    if (typeof item !== "object" || item === null) continue;
    const entry = item as Record<string, unknown>;
    const name = scalar(entry["name"]);
    if (name === undefined || name === "") continue;
    entries.push({
      name,
      cron: scalar(entry["cron"]) ?? "",
      timezone: scalar(entry["timezone"]) ?? "UTC",
      prompt: scalar(entry["prompt"]) ?? "",
      enabled: typeof entry["enabled"] === "boolean" ? entry["enabled"] : true,
      source: scalar(entry["source"]) ?? "template",
    });
  }
  return entries;
}

/** Reads config.yaml now and answers `{schedules: [...]}` (contract 10.5); a broken file gives an empty list. */
export async function loadSchedules(configPath: string): Promise<SchedulesResponse> {
  try {
    return { schedules: toScheduleEntries(await readConfigSchedules(configPath)) };
  } catch {
    return { schedules: [] };
  }
}

/**
 * Writes `<config>/schedules/schedules.yaml` as `{schedules: [...]}` when config.yaml's top-level
 * `schedules:` list has entries (contract 10.3 step 3). Errors are reported, never thrown.
 */
export async function materializeSchedules(configPath: string, report: Report): Promise<number> {
  try {
    const raw = await readConfigSchedules(configPath);
    if (raw.length === 0) return 0;
    await mkdir(join(configPath, "schedules"), { recursive: true });
    await writeFile(join(configPath, "schedules", "schedules.yaml"), stringify({ schedules: raw }));
    report(`wrote ${raw.length} schedule(s) to ${join(configPath, "schedules", "schedules.yaml")}`);
    return raw.length;
  } catch (error) {
    report(
      `cannot materialise schedules from ${join(configPath, "config.yaml")}: ${(error as Error).message}`,
    );
    return 0;
  }
}

function scalar(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}
