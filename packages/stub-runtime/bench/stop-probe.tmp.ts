import { randomBytes } from "node:crypto";
import { createDockerClient } from "@molecule-ctk/image-builder";
import { BenchPlatform } from "./bench-platform.js";
import { BenchContainers, measureContainerStartup } from "./container.js";
const docker = createDockerClient();
const platform = new BenchPlatform();
const containers = new BenchContainers(docker, randomBytes(4).toString("hex"));
const port = await platform.listen();
try {
  const runs = await measureContainerStartup(containers, "molecule-ctk/stub-runtime:latest", platform, port, 4);
  console.log(runs.map((r) => r.dockerStopMs.toFixed(0)).join(" "));
} finally { await containers.removeAll(); await platform.close(); }
