import { mkdtemp, rm, writeFile } from "node:fs/promises";
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
