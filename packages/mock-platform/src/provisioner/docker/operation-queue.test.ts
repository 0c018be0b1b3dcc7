import { describe, expect, it } from "vitest";
import { DockerOperationQueue } from "./operation-queue.js";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("DockerOperationQueue", () => {
  it("runs operations of one key in call order, even after a failure", async () => {
    const queue = new DockerOperationQueue();
    const log: string[] = [];
    const gate = deferred();
    const first = queue.run("w", async () => {
      log.push("first:start");
      await gate.promise;
      log.push("first:end");
      throw new Error("boom");
    });
    const second = queue.run("w", async () => {
      log.push("second");
      return 2;
    });
    await Promise.resolve();
    expect(log).toEqual(["first:start"]);
    gate.resolve();
    await expect(first).rejects.toThrow("boom");
    await expect(second).resolves.toBe(2);
    expect(log).toEqual(["first:start", "first:end", "second"]);
  });

  it("runs different keys concurrently and drains them all", async () => {
    const queue = new DockerOperationQueue();
    const gate = deferred();
    const log: string[] = [];
    void queue.run("a", async () => {
      await gate.promise;
      log.push("a");
    });
    await queue.run("b", async () => {
      log.push("b");
    });
    expect(log).toEqual(["b"]);
    const drained = queue.drain().then(() => log.push("drained"));
    gate.resolve();
    await drained;
    expect(log).toEqual(["b", "a", "drained"]);
  });
});
