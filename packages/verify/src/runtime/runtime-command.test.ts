import { describe, expect, it } from "vitest";
import { runRuntimeCommand } from "./runtime-command.js";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
}

describe("verify runtime", () => {
  it("prints its usage for --help and exits 0", async () => {
    const { out, io: streams } = io();
    expect(await runRuntimeCommand(["--help"], streams)).toBe(0);
    expect(out.join("\n")).toMatch(
      /--image IMAGE[\s\S]*--command "CMD"[\s\S]*--beat-seconds N[\s\S]*--report DIR/,
    );
  });

  it("exits 2 with the reason for a bad command line, and starts nothing", async () => {
    const { err, io: streams } = io();
    expect(await runRuntimeCommand(["--image"], streams)).toBe(2);
    expect(err.join("\n")).toMatch(/^\[verify\] --image needs a value/);
  });
});
