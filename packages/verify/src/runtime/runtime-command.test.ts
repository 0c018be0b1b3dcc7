import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runRuntimeCommand } from "./runtime-command.js";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "verify-runtime-command-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("verify runtime", () => {
  it("prints its usage for --help and exits 0", async () => {
    const { out, io: streams } = io();
    expect(await runRuntimeCommand(["--help"], streams)).toBe(0);
    expect(out.join("\n")).toMatch(
      /--image IMAGE[\s\S]*--command "CMD"[\s\S]*--beat-seconds N[\s\S]*--report DIR/,
    );
  });

  it("exits 2 with one line naming a bad command line, and starts nothing", async () => {
    for (const argv of [["--image"], ["--command", "true", "--level", "may"], ["--nope"], []]) {
      const { out, err, io: streams } = io();
      expect(await runRuntimeCommand(argv, streams), argv.join(" ")).toBe(2);
      expect(err, argv.join(" ")).toHaveLength(1);
      expect(err[0]).toMatch(/^\[verify\] [^\n]+: [^\n]+$/);
      expect(out).toEqual([]);
    }
  });

  it("exits 2 before the run when --report names something that is not a writable directory", async () => {
    const file = join(dir, "a-file");
    await writeFile(file, "");
    const { err, io: streams } = io();
    const started = performance.now();
    expect(await runRuntimeCommand(["--command", "true", "--report", join(file, "r")], streams)).toBe(2);
    expect(err).toEqual([
      expect.stringMatching(/^\[verify\] --report ".*" is not a writable directory \(ENOTDIR\): /),
    ]);
    expect(err.join("")).not.toMatch(/a first boot/); // nothing was started
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  // The runtime dies at its first boot: the wait ends with it, not after the whole boot window.
  it("exits 2 at once naming the shell's answer when the --command cannot be found", async () => {
    const { err, io: streams } = io();
    const started = performance.now();
    const code = await runRuntimeCommand(
      ["--command", "/nonexistent/molecule-runtime --serve", "--report", join(dir, "missing")],
      streams,
    );
    expect(code).toBe(2);
    expect(err.at(-1)).toMatch(
      /^\[verify\] --command did not run: \/bin\/sh exited 127 \(.*not found\): check the command/,
    );
    expect(performance.now() - started).toBeLessThan(25_000); // the boot window alone is 30 s
  });

  it("fails boot.platform-unreachable with the runtime's exit code and last line when it exits at boot", async () => {
    const { out, io: streams } = io();
    const report = join(dir, "exits");
    const code = await runRuntimeCommand(
      ["--command", "echo cannot load config; exit 3", "--report", report],
      streams,
    );
    expect(code).toBe(1);
    expect(out.join("\n")).toMatch(/does NOT conform at MUST: 0 passed, 1 failed/);
    const json = JSON.parse(await readFile(join(report, "report.json"), "utf8"));
    const boot = json.checks.find((check: { id: string }) => check.id === "boot.platform-unreachable");
    expect(boot).toMatchObject({ status: "fail" });
    expect(boot.detail).toMatch(
      /exited with code 3 before it ever called the platform; its last output: "cannot load config"/,
    );
  });

  it.skipIf(!inject("dockerAvailable"))(
    "exits 2 with one line when the image is not on the engine, and creates nothing",
    async () => {
      const { err, io: streams } = io();
      const image = "molecule-ctk/verify-no-such-image:never-built";
      expect(await runRuntimeCommand(["--image", image], streams)).toBe(2);
      expect(err.filter((line) => !line.startsWith("[verify] removing"))).toEqual([
        expect.stringMatching(
          /^\[verify\] image molecule-ctk\/verify-no-such-image:never-built is not on the Docker engine .*: build or load it first/,
        ),
      ]);
    },
  );
});
