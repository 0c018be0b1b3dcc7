import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DockerProvisionerError } from "./errors.js";
import { HostPortAllocator } from "./host-port-allocator.js";
import { hostPortRange } from "./port-range.js";

const dirs: string[] = [];
const lockDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "ctk-ports-test-"));
  dirs.push(dir);
  return dir;
};

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const listen = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });

describe("HostPortAllocator", () => {
  it("never hands the same port to two allocators that share a lock directory", async () => {
    const shared = lockDir();
    const range: [number, number] = [24000, 24149];
    const first = new HostPortAllocator({ range, lockDir: shared });
    const second = new HostPortAllocator({ range, lockDir: shared });
    // 100 of the range's 150: other tests on this host may hold a few of its ports (the lifecycle and
    // host-ports suites publish container ports from the default range, which contains this one).
    const leases = await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 2 ? first : second).acquire()),
    );
    const ports = leases.map((lease) => lease.port);
    expect(new Set(ports).size).toBe(100);
    expect(ports.every((port) => port >= range[0] && port <= range[1])).toBe(true);
    for (const lease of leases) lease.release();
  });

  it("skips a port something listens on", async () => {
    const server = await listen(24200);
    try {
      const allocator = new HostPortAllocator({ range: [24200, 24201], lockDir: lockDir() });
      const leases = [await allocator.acquire()];
      expect(leases[0]?.port).toBe(24201);
      await expect(allocator.acquire()).rejects.toBeInstanceOf(DockerProvisionerError);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("gives a released port out again", async () => {
    const allocator = new HostPortAllocator({ range: [24210, 24210], lockDir: lockDir() });
    const lease = await allocator.acquire();
    await expect(allocator.acquire()).rejects.toThrow(/no free host port in 24210-24210/);
    lease.release();
    lease.release(); // idempotent
    expect((await allocator.acquire()).port).toBe(24210);
  });

  it("honours the reservation of a live process and takes over that of a dead one", async () => {
    const dir = lockDir();
    const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    const dead = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await new Promise((resolve) => dead.once("exit", resolve));
    try {
      writeFileSync(join(dir, "24220"), `${hostname()}:${sleeper.pid}`);
      writeFileSync(join(dir, "24221"), `${hostname()}:${dead.pid}`);
      const allocator = new HostPortAllocator({ range: [24220, 24221], lockDir: dir });
      expect((await allocator.acquire()).port).toBe(24221);
      await expect(allocator.acquire()).rejects.toBeInstanceOf(DockerProvisionerError);
    } finally {
      sleeper.kill();
    }
  });
});

describe("hostPortRange", () => {
  it("keeps below the kernel's ephemeral range", () => {
    expect(hostPortRange({}, [32768, 60999])).toEqual([20000, 32767]);
  });

  it("goes above the ephemeral range when that leaves more room", () => {
    expect(hostPortRange({}, [1024, 40000])).toEqual([40001, 65535]);
  });

  it("takes MOLECULE_CTK_HOST_PORTS when set, and names a malformed one", () => {
    expect(hostPortRange({ MOLECULE_CTK_HOST_PORTS: "21000-21999" }, [32768, 60999])).toEqual([21000, 21999]);
    expect(() => hostPortRange({ MOLECULE_CTK_HOST_PORTS: "9-99999" }, [32768, 60999])).toThrow(
      /MOLECULE_CTK_HOST_PORTS="9-99999" is not a port range/,
    );
  });
});
