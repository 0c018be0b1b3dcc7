// @molecule-ctk/testcontainers owns the kit's containers as testcontainers modules: the stub runtime
// and the mock platform, their images built from the bundles this package ships (no registry, no
// repository checkout), a typed client of the platform's API, and what makes testcontainers run on
// an engine that can pull nothing.

import "./testcontainers-setup.js";

// The platform API client lives in the contract package (verify platform shares it); re-exported for convenience.
export type { CallerOptions, CallOptions, PlatformResponse } from "@molecule-ctk/contract";
export { PlatformApiClient, PlatformRequestError, PlatformUnreachableError } from "@molecule-ctk/contract";
export type { BuildImageOptions, BuiltImage } from "@molecule-ctk/image-builder";
export { buildKitImage, sessionImageTag, sessionKitImage } from "./kit-images/kit-image.js";
export {
  MOCK_PLATFORM_PORT,
  MockPlatformContainer,
  StartedMockPlatformContainer,
  WorkspaceWaitError,
} from "./mock-platform-container.js";
export { SESSION_LABEL, SESSION_OWNER_LABEL, sessionLabels } from "./session.js";
export { STUB_PORT, StartedStubRuntimeContainer, StubRuntimeContainer } from "./stub-runtime-container.js";
export type { TestcontainersEnvironment } from "./testcontainers-environment.js";
export {
  decideTestcontainersEnvironment,
  prepareTestcontainersEnvironment,
} from "./testcontainers-environment.js";
export { ImageContextError, KitContainerError } from "./testcontainers-error.js";
