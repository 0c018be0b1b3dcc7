import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import type { StubConfig } from "./config.js";
import { type StartedStubRuntime, startStubRuntime } from "./stub-runtime.js";
import { FakePlatform, LogCollector, makeConfigDir, testConfig } from "./stub-runtime-test-utils.js";

/** What each test of a suite using {@link useStubSuite} gets: fresh per test. */
export interface StubSuite {
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
export function useStubSuite(): StubSuite {
  const suite: StubSuite = {
    server: setupServer(),
    platform: new FakePlatform(),
    logs: new LogCollector(),
    configDir: undefined as never,
    runtime: undefined,
    async start(overrides = {}, options = {}) {
      const config = testConfig(suite.configDir.path, overrides);
      options.edit?.(config);
      suite.runtime = await startStubRuntime({
        config,
        logger: suite.logs.logger,
        host: "127.0.0.1",
        ...(options.startedAt === undefined ? {} : { startedAt: options.startedAt }),
      });
      return suite.runtime;
    },
  };
  beforeAll(() => suite.server.listen({ onUnhandledRequest: "error" }));
  beforeEach(async () => {
    suite.platform = new FakePlatform();
    suite.logs = new LogCollector();
    suite.server.use(...suite.platform.handlers());
    suite.configDir = await makeConfigDir();
  });
  afterEach(async () => {
    await suite.runtime?.close();
    suite.runtime = undefined;
    suite.server.resetHandlers();
    await suite.configDir.remove();
  });
  afterAll(() => suite.server.close());
  return suite;
}
