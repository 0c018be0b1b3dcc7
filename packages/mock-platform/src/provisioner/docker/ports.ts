import { createServer } from "node:net";
import { dockerErrorMessage } from "./api-errors.js";

/**
 * Pre-allocates a host port the way the platform does (contract 8.3): listen on `host:0`, read the
 * port, close. Another process can take it before the container starts: see {@link isPortAllocatedError}.
 */
export function allocateHostPort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close((error) => (error ? reject(error) : resolve(port)));
    });
  });
}

/** Whether a container start failed because its pre-allocated host port was taken meanwhile. */
export function isPortAllocatedError(error: unknown): boolean {
  return /port is already allocated|address already in use/i.test(dockerErrorMessage(error));
}
