/** Base class of every error the mock platform throws, the Docker provisioner's included. */
export class MockPlatformError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class UnknownWorkspaceError extends MockPlatformError {
  constructor(readonly workspaceId: string) {
    super(`[mock-platform] unknown workspace ${workspaceId}: create or register it first`);
  }
}

/** `events.waitFor` gave up before a matching event arrived. */
export class EventTimeoutError extends MockPlatformError {
  constructor(timeoutMs: number, description: string) {
    super(
      `[mock-platform] no matching platform event within ${timeoutMs} ms (${description}): ` +
        "check the journal and events.history(), or raise timeoutMs",
    );
  }
}

export class MockPlatformOptionError extends MockPlatformError {}
