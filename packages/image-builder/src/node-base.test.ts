import Docker from "dockerode";
import { afterAll, describe, expect, inject, it } from "vitest";
import { runId, runToCompletion, TEST_LABEL } from "./image-builder-test-utils.js";
import { ensureNodeBase, NODE_BASE_IMAGE, nodeLibraries } from "./node-base.js";

// Needs a Docker engine: skipped with the global setup's message when none answers (a failure in CI).
const noDocker = !inject("dockerAvailable");

const docker = new Docker();
const labels = { [TEST_LABEL]: runId() };

afterAll(async () => {
  if (noDocker) return;
  const leftovers = await docker.listContainers({
    all: true,
    filters: { label: [`${TEST_LABEL}=${labels[TEST_LABEL]}`] },
  });
  await Promise.all(leftovers.map((c) => docker.getContainer(c.Id).remove({ force: true })));
});

describe("nodeLibraries", () => {
  it("lists absolute library paths including libc and the dynamic loader", () => {
    const libraries = nodeLibraries();
    expect(libraries.every((path) => path.startsWith("/"))).toBe(true);
    expect(libraries.some((path) => /libc\.so/.test(path))).toBe(true);
    expect(libraries.some((path) => /ld-linux/.test(path))).toBe(true);
  });
});

describe.skipIf(noDocker)("ensureNodeBase", { timeout: 120_000 }, () => {
  it("returns a base image that runs this machine's node with crypto and ICU", async () => {
    const tag = await ensureNodeBase(docker);
    expect(tag).toBe(NODE_BASE_IMAGE);
    const script =
      "console.log(JSON.stringify({v:process.version,uuid:require('crypto').randomUUID(),n:new Intl.NumberFormat('de-DE').format(1234.5)}))";
    const { exitCode, output } = await runToCompletion(docker, tag, ["node", "-e", script], labels);
    expect(exitCode).toBe(0);
    expect(output).toContain(process.version);
    const printed = JSON.parse(output.trim()) as { v: string; uuid: string; n: string };
    expect(printed.v).toBe(process.version);
    expect(printed.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(printed.n).toBe("1.234,5");
  });

  it("has no shell inside", async () => {
    const container = await docker.createContainer({
      Image: NODE_BASE_IMAGE,
      Cmd: ["/bin/sh", "-c", "true"],
      Labels: labels,
    });
    try {
      await expect(container.start()).rejects.toThrow(/no such file|not found|executable file/i);
    } finally {
      await container.remove({ force: true });
    }
  });
});
