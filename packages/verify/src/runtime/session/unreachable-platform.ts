import { createServer, type Server } from "node:net";

/** The platform's port while the platform is down: every connection is cut at once, and counted. */
export interface UnreachablePlatform {
  /** Connections runtimes made meanwhile. */
  readonly contacts: number;
  /** When the first contact came (epoch ms). */
  readonly firstContactAt: number | undefined;
  /** Frees the port for the real platform. */
  close(): Promise<void>;
}

/**
 * Holds the platform's port on every host while the platform is "down": a runtime that calls it
 * gets its connection reset, as from a platform that has not started yet behind a proxy.
 */
export async function holdPlatformPort(
  hosts: ReadonlyArray<string>,
  port: number,
): Promise<UnreachablePlatform> {
  let contacts = 0;
  let firstContactAt: number | undefined;
  const servers: Server[] = [];
  for (const host of hosts) {
    const server = createServer((socket) => {
      contacts++;
      firstContactAt ??= Date.now();
      socket.resetAndDestroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve());
    });
    servers.push(server);
  }
  return {
    get contacts() {
      return contacts;
    },
    get firstContactAt() {
      return firstContactAt;
    },
    close: async () => {
      for (const server of servers) await new Promise((resolve) => server.close(resolve));
    },
  };
}
