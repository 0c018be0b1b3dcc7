import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import type { StubConfig } from "./config.js";
import { type StartedStubRuntime, startStubRuntime } from "./stub-runtime.js";
import { FakePlatform, LogCollector, makeConfigDir, testConfig } from "./stub-runtime-test-utils.js";

/** What each test of a suite using {@link useStubHarness} gets: fresh per test. */
export interface StubHarness {
  readonly server: ReturnType<typeof setupServer>;
  platform: FakePlatform;
  logs: LogCollector;
  configDir: Awaited<ReturnType<typeof makeConfigDir>>;
  runtime: StartedStubRuntime | undefined;
  /** Starts a runtime on 127.0.0.1:0 against the fake platform; closed after the test. */
  start(
    overrides?: Partial<StubConfig>,
    options?: { startedAt?: number; edit?: (config: StubConfig) => void },
  ): Promise<StartedStubRuntime>;
}

/**
 * Registers the vitest hooks of a contract-test suite: an msw server with `onUnhandledRequest: "error"`,
 * a {@link FakePlatform} and a temp config dir per test, handlers reset and the runtime closed after it.
 */
export function useStubHarness(): StubHarness {
  const harness: StubHarness = {
    server: setupServer(),
    platform: new FakePlatform(),
    logs: new LogCollector(),
    configDir: undefined as never,
    runtime: undefined,
    async start(overrides = {}, options = {}) {
      const config = testConfig(harness.configDir.path, overrides);
      options.edit?.(config);
      harness.runtime = await startStubRuntime({
        config,
        logger: harness.logs.logger,
        host: "127.0.0.1",
        ...(options.startedAt === undefined ? {} : { startedAt: options.startedAt }),
      });
      return harness.runtime;
    },
  };
  beforeAll(() => harness.server.listen({ onUnhandledRequest: "error" }));
  beforeEach(async () => {
    harness.platform = new FakePlatform();
    harness.logs = new LogCollector();
    harness.server.use(...harness.platform.handlers());
    harness.configDir = await makeConfigDir();
  });
  afterEach(async () => {
    await harness.runtime?.close();
    harness.runtime = undefined;
    harness.server.resetHandlers();
    await harness.configDir.remove();
  });
  afterAll(() => harness.server.close());
  return harness;
}
