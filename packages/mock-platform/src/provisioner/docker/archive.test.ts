import { extract, type Header } from "tar-stream";
import { describe, expect, it } from "vitest";
import { buildConfigArchive, configFileMode } from "./archive.js";
import { DockerProvisionerError } from "./errors.js";

async function entries(tar: Buffer): Promise<Array<Header & { content: string }>> {
  const reader = extract();
  const found: Array<Header & { content: string }> = [];
  const done = new Promise<void>((resolve, reject) => {
    reader.on("entry", (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: unknown) => {
        chunks.push(chunk as Buffer);
      });
      stream.on("end", () => {
        found.push({ ...header, content: Buffer.concat(chunks).toString("utf8") });
        next();
      });
    });
    reader.on("finish", resolve);
    reader.on("error", reject);
  });
  reader.end(tar);
  await done;
  return found;
}

describe("buildConfigArchive", () => {
  it("writes each file owned by uid/gid 1000 with its mode (0600 token, 0644 default)", async () => {
    const tar = await buildConfigArchive([
      { path: ".auth_token", content: "tok" },
      { path: "config.yaml", content: "name: x\n" },
      { path: "run.sh", content: "#!/bin/sh\n", mode: 0o755 },
    ]);
    const found = await entries(tar);
    expect(found.map(({ name, mode, uid, gid, content }) => ({ name, mode, uid, gid, content }))).toEqual([
      { name: ".auth_token", mode: 0o600, uid: 1000, gid: 1000, content: "tok" },
      { name: "config.yaml", mode: 0o644, uid: 1000, gid: 1000, content: "name: x\n" },
      { name: "run.sh", mode: 0o755, uid: 1000, gid: 1000, content: "#!/bin/sh\n" },
    ]);
  });

  it("adds owned 0755 directories for nested paths", async () => {
    const found = await entries(await buildConfigArchive([{ path: "a/b/c.md", content: "c" }]));
    expect(found.map(({ name, type, mode, uid }) => ({ name, type, mode, uid }))).toEqual([
      { name: "a/", type: "directory", mode: 0o755, uid: 1000 },
      { name: "a/b/", type: "directory", mode: 0o755, uid: 1000 },
      { name: "a/b/c.md", type: "file", mode: 0o644, uid: 1000 },
    ]);
  });

  it.each(["/etc/passwd", "../escape", "a/../../escape", "", "."])("rejects the path %j", async (path) => {
    await expect(buildConfigArchive([{ path, content: "x" }])).rejects.toBeInstanceOf(DockerProvisionerError);
  });

  it("gives .auth_token 0600 only by default", () => {
    expect(configFileMode({ path: ".auth_token", content: "" })).toBe(0o600);
    expect(configFileMode({ path: ".auth_token", content: "", mode: 0o640 })).toBe(0o640);
    expect(configFileMode({ path: ".platform_inbound_secret", content: "" })).toBe(0o644);
  });
});
