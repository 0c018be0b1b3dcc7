import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SchedulesResponse } from "@molecule-ctk/contract";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { get, testHandler } from "./a2a/a2a-handler-test-utils.js";
import { loadSchedules, materializeSchedules } from "./schedules.js";
import { makeConfigDir } from "./stub-runtime-test-utils.js";

const CONFIG = `name: ws
schedules:
  - name: nightly
    cron: "0 3 * * *"
    timezone: Europe/Berlin
    prompt: summarise the day
    enabled: false
    source: user
  - cron: "* * * * *"
    prompt: nameless entries are skipped
  - name: hourly
    cron: "0 * * * *"
    prompt: check in
`;

let dir: Awaited<ReturnType<typeof makeConfigDir>>;
beforeEach(async () => {
  dir = await makeConfigDir();
});
afterEach(() => dir.remove());

describe("schedules", () => {
  it("writes schedules/schedules.yaml as {schedules: [...]} from config.yaml", async () => {
    await writeFile(join(dir.path, "config.yaml"), CONFIG);
    expect(await materializeSchedules(dir.path, () => {})).toBe(3);
    const written = parse(await readFile(join(dir.path, "schedules/schedules.yaml"), "utf8"));
    expect(written).toEqual({ schedules: parse(CONFIG).schedules });
  });

  it("writes nothing when config.yaml has no schedules", async () => {
    await writeFile(join(dir.path, "config.yaml"), "name: ws\nschedules: []\n");
    expect(await materializeSchedules(dir.path, () => {})).toBe(0);
    await expect(readFile(join(dir.path, "schedules/schedules.yaml"))).rejects.toThrow(/ENOENT/);
  });

  it("reports a broken config.yaml without throwing", async () => {
    const lines: string[] = [];
    await writeFile(join(dir.path, "config.yaml"), "schedules: [unclosed");
    expect(await materializeSchedules(dir.path, (line) => lines.push(line))).toBe(0);
    expect(lines[0]).toMatch(/^cannot materialise schedules from .*config\.yaml/);
  });

  it("lists named entries with defaults for enabled and source, as the contract's SchedulesResponse", async () => {
    await writeFile(join(dir.path, "config.yaml"), CONFIG);
    expect(SchedulesResponse.safeParse(await loadSchedules(dir.path)).success).toBe(true);
    expect(await loadSchedules(dir.path)).toEqual({
      schedules: [
        {
          name: "nightly",
          cron: "0 3 * * *",
          timezone: "Europe/Berlin",
          prompt: "summarise the day",
          enabled: false,
          source: "user",
        },
        {
          name: "hourly",
          cron: "0 * * * *",
          timezone: "UTC",
          prompt: "check in",
          enabled: true,
          source: "template",
        },
      ],
    });
  });

  it("answers GET /internal/schedules fresh from config.yaml, ignoring the query and a trailing slash", async () => {
    const handler = testHandler({ configPath: dir.path });
    expect(await (await get(handler, "/internal/schedules")).json()).toEqual({ schedules: [] });
    await writeFile(join(dir.path, "config.yaml"), CONFIG);
    const body = (await (await get(handler, "/internal/schedules/?workspace=x")).json()) as {
      schedules: unknown[];
    };
    expect(body.schedules).toHaveLength(2);
  });
});
