import { type AddressInfo, createServer } from "node:net";

/** A port that was free a moment ago on `host` (bind :0, read it, close), as the provisioner pre-allocates. */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
