import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { ensureNodeBase } from "@molecule-ctk/image-builder";
import Dockerode from "dockerode";
import { describe, expect, inject, it } from "vitest";
import { SESSION_LABEL } from "./session.js";

const docker = new Dockerode();
const reaper = fileURLToPath(new URL("./session-reaper-main.ts", import.meta.url));
const tsx = createRequire(import.meta.url).resolve("tsx/cli");

describe.skipIf(!inject("dockerAvailable"))("the session reaper", () => {
  it("removes the session's containers once the process that owns it ends, and nothing else", async () => {
    const session = randomBytes(6).toString("hex");
    const other = randomBytes(6).toString("hex");
    const image = await ensureNodeBase(docker);
    const mine = await docker.createContainer({ Image: image, Labels: { [SESSION_LABEL]: session } });
    const theirs = await docker.createContainer({ Image: image, Labels: { [SESSION_LABEL]: other } });
    try {
      const owner = spawn(process.execPath, ["-e", "setTimeout(() => {}, 1500)"]);
      const reaping = spawn(process.execPath, [
        tsx,
        "--conditions=source",
        reaper,
        String(owner.pid),
        session,
      ]);
      expect(await new Promise((resolve) => reaping.once("exit", resolve))).toBe(0);
      await expect(mine.inspect()).rejects.toMatchObject({ statusCode: 404 });
      expect((await theirs.inspect()).Id).toBe(theirs.id);
    } finally {
      await mine.remove({ force: true }).catch(() => {});
      await theirs.remove({ force: true });
    }
  });

  it("refuses arguments that are not an owner pid and a session id", async () => {
    const reaping = spawn(process.execPath, [tsx, "--conditions=source", reaper, "nope", "x"]);
    expect(await new Promise((resolve) => reaping.once("exit", resolve))).toBe(2);
  });
});
