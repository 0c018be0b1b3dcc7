import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { materializePlugins, pluginNameFromSource } from "./plugins.js";
import { makeConfigDir } from "./stub-runtime-test-utils.js";

describe("pluginNameFromSource", () => {
  it.each([
    ["gitea://molecule-ai/molecule-ai-plugin-scheduler#v0.2.0", "molecule-ai-plugin-scheduler"],
    ["https://git.example/org/repo/", "repo"],
    ["github://org/tool#main/", "tool"],
    ["plain-name", "plain-name"],
    ["local://plugins/nested/thing//", "thing"],
  ])("names %s as %s", (source, name) => {
    expect(pluginNameFromSource(source)).toBe(name);
  });

  it.each(["gitea://", "x://org/..", "#v1", "x://./"])("names nothing for %j", (source) => {
    expect(pluginNameFromSource(source)).toBeUndefined();
  });
});

describe("materializePlugins", () => {
  let dir: Awaited<ReturnType<typeof makeConfigDir>>;
  const lines: string[] = [];
  beforeEach(async () => {
    dir = await makeConfigDir();
    lines.length = 0;
  });
  afterEach(() => dir.remove());

  it("writes a non-empty plugin.yaml per declared source", async () => {
    const sources = ["gitea://molecule-ai/molecule-ai-plugin-scheduler#v0.2.0", "gitea://org/other"];
    const results = await materializePlugins(dir.path, sources, (line) => lines.push(line));
    expect(results.map((r) => r.outcome)).toEqual(["written", "written"]);
    const text = await readFile(join(dir.path, "plugins/molecule-ai-plugin-scheduler/plugin.yaml"), "utf8");
    expect(parse(text)).toMatchObject({ name: "molecule-ai-plugin-scheduler", version: "v0.2.0" });
    expect((await readFile(join(dir.path, "plugins/other/plugin.yaml"), "utf8")).trim()).not.toBe("");
  });

  it("leaves a non-empty plugin.yaml alone and fills an empty one", async () => {
    await mkdir(join(dir.path, "plugins/kept"), { recursive: true });
    await writeFile(join(dir.path, "plugins/kept/plugin.yaml"), "name: kept\nreal: true\n");
    await mkdir(join(dir.path, "plugins/empty"), { recursive: true });
    await writeFile(join(dir.path, "plugins/empty/plugin.yaml"), "");
    const results = await materializePlugins(dir.path, ["x://o/kept", "x://o/empty"], () => {});
    expect(results.map((r) => r.outcome)).toEqual(["present", "written"]);
    expect(await readFile(join(dir.path, "plugins/kept/plugin.yaml"), "utf8")).toBe(
      "name: kept\nreal: true\n",
    );
    expect((await readFile(join(dir.path, "plugins/empty/plugin.yaml"), "utf8")).length).toBeGreaterThan(0);
  });

  it("reports a write error and goes on with the next plugin", async () => {
    await writeFile(join(dir.path, "plugins"), "a file where a directory should be");
    const results = await materializePlugins(dir.path, ["x://o/a", "x://o/b", "x://"], (line) =>
      lines.push(line),
    );
    expect(results.map((r) => r.outcome)).toEqual(["failed", "failed", "skipped"]);
    expect(lines[0]).toMatch(/^plugin a: cannot write .*continuing without it$/);
    expect(lines[2]).toContain("names no plugin directory");
  });
});
