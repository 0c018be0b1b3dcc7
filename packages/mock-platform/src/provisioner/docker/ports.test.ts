import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { ephemeralPortRange } from "./port-range.js";
import { allocateHostPort, isPortAllocatedError } from "./ports.js";

describe("allocateHostPort", () => {
  it("returns a free loopback port outside the kernel's ephemeral range", async () => {
    const port = await allocateHostPort();
    const [low, high] = ephemeralPortRange();
    expect(port < low || port > high).toBe(true);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });

  it("recognises the engine's port-taken start failure", () => {
    const engineError = Object.assign(new Error("(HTTP code 500) server error"), {
      statusCode: 500,
      json: {
        message:
          "driver failed programming external connectivity on endpoint ws-x: Bind for 127.0.0.1:41000 failed: port is already allocated",
      },
    });
    expect(isPortAllocatedError(engineError)).toBe(true);
    expect(isPortAllocatedError(new Error("no such image"))).toBe(false);
  });
});
