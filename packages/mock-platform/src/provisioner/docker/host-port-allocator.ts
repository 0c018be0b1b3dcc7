import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { createServer } from "node:net";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { DockerProvisionerError } from "./errors.js";
import { hostPortRange } from "./port-range.js";

/** A host port reserved for its holder until {@link PortLease.release}. */
export interface PortLease {
  readonly port: number;
  /** Gives the port back; idempotent. */
  release(): void;
}

/** Options of {@link HostPortAllocator}. */
export interface HostPortAllocatorOptions {
  /** Inclusive range to hand ports out from; default {@link hostPortRange}. */
  range?: [number, number];
  /** Where reservations live, shared by every allocator on this host; default `<tmpdir>/molecule-ctk-host-ports`. */
  lockDir?: string;
}

const OWNER = `${hostname()}:${process.pid}`;
/** Every lock file this process holds, removed when it exits. */
const heldFiles = new Set<string>();
let exitHook = false;

/**
 * Hands out host ports that nobody else can take before a container binds them: picked outside the
 * kernel's ephemeral range (no outgoing connection gets them), reserved by an exclusive lock file per
 * port that every allocator on this host honours (two kit processes never pick the same one), and
 * checked free by binding it once. A reservation of a process that died is taken over.
 */
export class HostPortAllocator {
  readonly #range: [number, number];
  readonly #lockDir: string;
  readonly #held = new Map<number, string>();

  constructor(options: HostPortAllocatorOptions = {}) {
    this.#range = options.range ?? hostPortRange();
    this.#lockDir = options.lockDir ?? join(tmpdir(), "molecule-ctk-host-ports");
    if (!exitHook) {
      exitHook = true;
      process.once("exit", () => {
        for (const file of heldFiles) rmSync(file, { force: true });
      });
    }
  }

  /** The inclusive range ports come from. */
  get range(): [number, number] {
    return [...this.#range];
  }

  /** Reserves a port that is free on `host` now; rejects when the whole range is taken. */
  async acquire(host = "127.0.0.1"): Promise<PortLease> {
    mkdirSync(this.#lockDir, { recursive: true });
    const [low, high] = this.#range;
    const size = high - low + 1;
    const start = Math.floor(Math.random() * size);
    for (let i = 0; i < size; i++) {
      const port = low + ((start + i) % size);
      if (this.#held.has(port) || !this.#lock(port)) continue;
      if (await isBindable(host, port)) return this.#lease(port);
      this.#unlock(port);
    }
    throw new DockerProvisionerError(
      `[mock-platform] no free host port in ${low}-${high}: release some, or set MOLECULE_CTK_HOST_PORTS to a wider range`,
    );
  }

  #lease(port: number): PortLease {
    return { port, release: () => this.#unlock(port) };
  }

  /** Takes the port's lock file, or takes it over from a process of this host that is gone. */
  #lock(port: number): boolean {
    const file = join(this.#lockDir, String(port));
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, "wx", 0o644);
        writeSync(fd, OWNER);
        closeSync(fd);
        this.#held.set(port, file);
        heldFiles.add(file);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST" || !isStale(file)) return false;
        rmSync(file, { force: true });
      }
    }
    return false;
  }

  #unlock(port: number): void {
    const file = this.#held.get(port);
    if (file === undefined) return;
    this.#held.delete(port);
    heldFiles.delete(file);
    rmSync(file, { force: true });
  }
}

/** A lock file is stale when it names a process of this host that no longer runs. */
function isStale(file: string): boolean {
  let owner: string;
  try {
    owner = readFileSync(file, "utf8");
  } catch {
    return false; // being written or removed right now: leave it
  }
  const [host, pid] = owner.split(":");
  if (host !== hostname() || !pid || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** Whether nothing listens on `host:port` now (binds it exclusively and lets go). */
function isBindable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
