// @molecule-ctk/mock-platform owns the twin of the Molecule platform: msw handlers over an in-memory
// platform (registry, tokens, status machine and liveness, A2A proxy and queue, workspace and admin
// API), served in-process or over node:http, driving workspace containers through a Provisioner.

export type { EventStreamHub } from "./control/event-stream-hub.js";
export type { Fault, FaultSpec } from "./control/fault-injector.js";
export type { MockControl } from "./control/mock-control.js";
export type { JournalEntry, JournalFilter } from "./control/request-journal.js";
export type { MockPlatform } from "./create-mock-platform.js";
export { createMockPlatform } from "./create-mock-platform.js";
export { allocateHostPort } from "./docker-ports.js";
export type { DockerProvisionRequest } from "./docker-provisioner.js";
export { DockerProvisioner } from "./docker-provisioner.js";
export {
  DockerProvisionerError,
  ForeignContainerError,
  ImageResolutionError,
  InvalidWorkspaceIdError,
  ProvisionerClosedError,
  UnsafeTierError,
  WorkspaceContainerMissingError,
  WorkspaceImageMissingError,
} from "./docker-provisioner-error.js";
export type { DockerProvisionerOptions } from "./docker-provisioner-options.js";
export { dockerProvisionerOptionsFromEnv } from "./docker-provisioner-options.js";
export type { LocalImageOptions } from "./image-resolution.js";
export { localImageOptionsFromEnv, resolveLocalImage, validateImageIsolation } from "./image-resolution.js";
export type {
  InMemoryProvisionerOptions,
  ProvisionerCall,
  VolumeFile,
} from "./in-memory-provisioner.js";
export { InMemoryProvisioner } from "./in-memory-provisioner.js";
export {
  EventTimeoutError,
  MockPlatformError,
  MockPlatformOptionError,
  UnknownWorkspaceError,
} from "./mock-platform-error.js";
export type { MockPlatformServerOptions, StartedMockPlatformServer } from "./mock-platform-server.js";
export { startMockPlatformServer } from "./mock-platform-server.js";
export type { DeployMode, HostResolver, MockPlatformOptions, ResolvedOptions } from "./options.js";
export type {
  PlatformEvent,
  PlatformEventListener,
  PlatformEvents,
  PlatformEventType,
  WaitForOptions,
} from "./platform-events.js";
export type { ConfigFile, Provisioner, ProvisionRequest, ProvisionResult } from "./provisioner.js";
export { ConfigVolumeEmptyError } from "./provisioner.js";
export type { UrlDecision, UrlSafetyMode } from "./services/url-safety.js";
export { isSafeURL, validateAgentURL } from "./services/url-safety.js";
export type { PlatformState } from "./state/platform-state.js";
export type { TokenKind, TokenRecord } from "./state/token-store.js";
export type { WorkspaceRecord } from "./state/workspace-record.js";
export type { WorkspaceNameKind } from "./workspace-names.js";
export {
  allWorkspaceVolumeNames,
  workspaceConfigVolumeName,
  workspaceContainerName,
  workspaceDataVolumeName,
  workspaceResourceName,
  workspaceSessionVolumeName,
} from "./workspace-names.js";
