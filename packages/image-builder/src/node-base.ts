import { execFileSync } from "node:child_process";
import { readFileSync, realpathSync, statSync } from "node:fs";
import createDebug from "debug";
import type Docker from "dockerode";
import { pack } from "tar-stream";
import { createDockerClient, followProgress, ImageBuilderError } from "./docker-client.js";

const debug = createDebug("molecule-ctk:image-builder:node-base");

/** The tag of the minimal Node base made from this machine's Node runtime. */
export const NODE_BASE_IMAGE = `molecule-ctk/node-base:${process.versions.node}`;

// A fixed mtime keeps the layer identical for identical inputs.
const MTIME = new Date("2026-01-01T00:00:00Z");

const PASSWD = "root:x:0:0:root:/root:/sbin/nologin\nnode:x:1000:1000:node:/home/node:/sbin/nologin\n";
const GROUP = "root:x:0:\nnode:x:1000:\n";

/**
 * Returns the minimal Node base image, building it first when it is missing: the node binary at
 * /usr/local/bin/node plus the shared libraries `ldd` lists, /tmp, /etc/passwd; no shell. No
 * registry is needed, so it works on a machine that can pull nothing.
 */
export async function ensureNodeBase(docker: Docker = createDockerClient()): Promise<string> {
  if (await imageExists(docker, NODE_BASE_IMAGE)) return NODE_BASE_IMAGE;
  debug("building %s from %s", NODE_BASE_IMAGE, process.execPath);
  const tar = nodeRootfs();
  const [repo, tag] = NODE_BASE_IMAGE.split(":") as [string, string];
  const importOptions = {
    repo,
    tag,
    changes: [
      'CMD ["node"]',
      "ENV PATH=/usr/local/bin:/usr/bin:/bin",
      `LABEL org.opencontainers.image.title="molecule-ctk node base" org.opencontainers.image.version="${process.versions.node}"`,
    ],
  };
  const stream = await docker.importImage(tar, importOptions);
  await followProgress(docker, stream);
  if (!(await imageExists(docker, NODE_BASE_IMAGE))) {
    throw new ImageBuilderError(`[image-builder] docker import finished but ${NODE_BASE_IMAGE} is not there`);
  }
  return NODE_BASE_IMAGE;
}

export async function imageExists(docker: Docker, ref: string): Promise<boolean> {
  try {
    await docker.getImage(ref).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
}

/** The shared libraries the node binary loads, as `ldd` prints them (paths inside the image). */
export function nodeLibraries(nodeBinary = realpathSync(process.execPath)): string[] {
  let output: string;
  try {
    output = execFileSync("ldd", [nodeBinary], { encoding: "utf8" });
  } catch (error) {
    throw new ImageBuilderError(
      `[image-builder] cannot list the libraries of ${nodeBinary} with ldd: install libc-bin`,
      {
        cause: error,
      },
    );
  }
  const libraries: string[] = [];
  for (const line of output.split("\n")) {
    const match = /=>\s*(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(/.exec(line);
    if (match?.[1]) libraries.push(match[1]);
  }
  if (libraries.length === 0)
    throw new ImageBuilderError(`[image-builder] ldd listed no libraries for ${nodeBinary}`);
  return libraries;
}

function nodeRootfs(): NodeJS.ReadableStream {
  const tar = pack();
  const dir = (name: string, mode = 0o755) => tar.entry({ name, type: "directory", mode, mtime: MTIME });
  const file = (name: string, content: Buffer, mode: number) =>
    tar.entry({ name, mode, mtime: MTIME }, content);
  for (const name of ["etc", "usr", "usr/local", "usr/local/bin", "root", "home", "app"]) dir(name);
  dir("tmp", 0o1777);
  dir("home/node", 0o755);
  file("etc/passwd", Buffer.from(PASSWD), 0o644);
  file("etc/group", Buffer.from(GROUP), 0o644);
  const nodeBinary = realpathSync(process.execPath);
  file("usr/local/bin/node", readFileSync(nodeBinary), 0o755);
  const made = new Set<string>();
  for (const library of nodeLibraries(nodeBinary)) {
    const parts = library.split("/").filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join("/");
      if (!made.has(parent) && !["usr", "usr/local"].includes(parent)) {
        made.add(parent);
        dir(parent);
      }
    }
    const real = realpathSync(library);
    file(parts.join("/"), readFileSync(real), statSync(real).mode & 0o777);
  }
  tar.finalize();
  return tar as unknown as NodeJS.ReadableStream;
}
