import { describe, expect, it } from "vitest";
import { groupAlive, killGroup, signalGroup, spawnGroup, waitGroupEnded } from "./process-group.js";

const spawn = (command: string) =>
  spawnGroup(command, { env: process.env, cwd: process.cwd(), label: "test" });

describe("a runtime's process group", () => {
  it("counts a grandchild that ignores SIGTERM as still running after the shell is gone", async () => {
    // The shell exits on SIGTERM; the child it started ignores it, as a PID-1 runtime without a handler does.
    const group = spawn(`sh -c 'trap "" TERM; echo ready; while :; do sleep 0.05; done' & wait`);
    await waitForOutput(group.output, "ready");
    signalGroup(group.pgid, "SIGTERM");
    expect(await waitGroupEnded(group.pgid, 300)).toBe(false);
    expect(groupAlive(group.pgid)).toBe(true);
    await killGroup(group.pgid);
    expect(groupAlive(group.pgid)).toBe(false);
  });

  it("ends within the bound when every process of it honours SIGTERM", async () => {
    const group = spawn("echo ready; sleep 30");
    await waitForOutput(group.output, "ready");
    signalGroup(group.pgid, "SIGTERM");
    expect(await waitGroupEnded(group.pgid, 5_000)).toBe(true);
    await group.exited;
  });

  it("keeps at most the last 200 lines of its output", async () => {
    const group = spawn("i=0; while [ $i -lt 300 ]; do echo line $i; i=$((i+1)); done");
    await group.exited;
    await waitForOutput(group.output, "line 299");
    expect(group.output).toHaveLength(200);
    expect(group.output[0]).toBe("line 100");
  });
});

async function waitForOutput(output: string[], line: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!output.includes(line)) {
    if (Date.now() > deadline)
      throw new Error(`[test] no output line ${JSON.stringify(line)}: ${output.join(" | ")}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
