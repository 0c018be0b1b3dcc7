// Loaded into the fuzzed server by scripts/fuzz-platform.ts (node --expose-gc --import): on SIGUSR2 it
// forces a full GC and prints what the process still holds, so the fuzz can tell retained memory from
// pages the allocator keeps. Test tooling only; never loaded by the package itself.
import { readFileSync } from "node:fs";

process.on("SIGUSR2", () => {
  globalThis.gc?.();
  const { heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1]) * 1024;
  process.stdout.write(
    `memory-after-gc ${JSON.stringify({ gc: typeof globalThis.gc === "function", rss, heapUsed, heapTotal, external, arrayBuffers })}\n`,
  );
});
