// @molecule-ctk/mock-platform owns the mock of the Molecule platform: msw handlers over an in-memory
// platform (registry, tokens, status machine and liveness, A2A proxy and queue, workspace and admin
// API), served in-process or over node:http, driving workspace containers through a Provisioner.

export type {
  PlatformEvent,
  PlatformEventListener,
  PlatformEvents,
  PlatformEventType,
  WaitForOptions,
} from "./context/platform-events.js";
export type { EventStreamHub } from "./control/event-stream-hub.js";
export type { Fault, FaultSpec } from "./control/fault-injector.js";
export { redactSecret } from "./control/journal-redaction.js";
export type { JournalEntry, JournalFilter, JournalView } from "./control/request-journal.js";
export type { TestControls } from "./control/test-controls.js";
export type { MockPlatform } from "./create-mock-platform.js";
export { createMockPlatform } from "./create-mock-platform.js";
export {
  EventTimeoutError,
  MockPlatformError,
  MockPlatformOptionError,
  UnknownWorkspaceError,
} from "./mock-platform-error.js";
export type { PlatformMutant } from "./mutants/platform-mutants.js";
export { PLATFORM_MUTANTS, platformMutant } from "./mutants/platform-mutants.js";
export type { AgentTransport, HostResolver, MockPlatformOptions, ResolvedOptions } from "./options.js";
export type {
  InMemoryProvisionerOptions,
  ProvisionerCall,
  VolumeFile,
} from "./provisioner/in-memory-provisioner.js";
export { InMemoryProvisioner } from "./provisioner/in-memory-provisioner.js";
export type {
  ConfigFile,
  Provisioner,
  ProvisionRequest,
  ProvisionResult,
} from "./provisioner/provisioner.js";
export { ConfigVolumeEmptyError } from "./provisioner/provisioner.js";
export type { ServerRouting } from "./server/answer-request.js";
export { serveUsage } from "./server/cli-options.js";
export type { MockPlatformServerOptions, StartedMockPlatformServer } from "./server/mock-platform-server.js";
export { startMockPlatformServer } from "./server/mock-platform-server.js";
export type { CommandIo, ServeCommandOptions } from "./server/serve-command.js";
export { runServeCommand } from "./server/serve-command.js";
export type { PlatformState } from "./state/platform-state.js";
export type { TokenKind, TokenRecord } from "./state/token-store.js";
export type { WorkspaceRecord } from "./state/workspace-record.js";
export type { UrlDecision, UrlSafetyMode } from "./url-safety/url-safety.js";
export { isSafeURL, validateAgentURL } from "./url-safety/url-safety.js";
