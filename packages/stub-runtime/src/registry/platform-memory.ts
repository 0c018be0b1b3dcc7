import type { HeartbeatResponse, RegisterResponse } from "@molecule-ctk/contract";

/**
 * What the platform has told this runtime about its own record: the workspace's inbound secret and
 * the highest desired generation. A platform that lost its state still answers a heartbeat 200 (an
 * unknown id updates nothing, contract 5.2), but with generation 0 and a freshly minted inbound
 * secret it cannot store: either one moving tells the runtime it is forgotten and must register.
 */
export class PlatformMemory {
  #secret: string | undefined;
  #generation = 0;

  /** Takes a register answer as the truth: its secret, and a generation counted afresh. */
  registered(body: Pick<RegisterResponse, "platform_inbound_secret">): void {
    this.#secret = body.platform_inbound_secret;
    this.#generation = 0;
  }

  /** Why this heartbeat answer shows the platform forgot the workspace, or undefined when it does not. */
  forgotten(body: Pick<HeartbeatResponse, "generation" | "platform_inbound_secret">): string | undefined {
    let reason: string | undefined;
    const generation = body.generation ?? this.#generation; // an answer without one says nothing
    if (generation < this.#generation) {
      reason = `its generation went back from ${this.#generation} to ${generation}`;
    } else if (body.platform_inbound_secret !== undefined && this.#secret !== undefined) {
      if (body.platform_inbound_secret !== this.#secret) reason = "it answers with another inbound secret";
    }
    this.#generation = Math.max(this.#generation, generation);
    this.#secret ??= body.platform_inbound_secret;
    return reason;
  }
}
