import { dockerErrorMessage } from "./api-errors.js";
import { HostPortAllocator } from "./host-port-allocator.js";

/** The process-wide allocator every provisioner and server of this process shares by default. */
export const hostPorts = new HostPortAllocator();

/**
 * A free host port for a server or container on `host`, reserved for the rest of this process's life
 * (contract 8.3 pre-allocates one before create). It comes from outside the kernel's ephemeral range,
 * so no outgoing connection can take it, and no other allocator on this host hands it out meanwhile.
 */
export async function allocateHostPort(host = "127.0.0.1"): Promise<number> {
  return (await hostPorts.acquire(host)).port;
}

/** Whether a container start failed because its pre-allocated host port was taken meanwhile. */
export function isPortAllocatedError(error: unknown): boolean {
  return /port is already allocated|address already in use/i.test(dockerErrorMessage(error));
}
