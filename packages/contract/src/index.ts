// @molecule-ctk/contract owns the Molecule platform <-> runtime contract: zod schemas for every
// message (registry, heartbeat, A2A v0.3 and v1.0 over JSON-RPC 2.0, the platform's workspace API), the
// platform's exact error strings, message builders, the JSON Schema export, and the local Docker
// provisioner's naming rules (contract 8: workspace names, the local image tag, the platform labels),
// and a contract-checked client of the platform's HTTP API, shared by the lifecycle suite and verify.

export type { AgentCapabilities, AgentSkill } from "./a2a/agent-card.js";
export { AgentCard, TransportProtocol } from "./a2a/agent-card.js";
export type { A2AErrorCode, A2AErrorName } from "./a2a/error-codes.js";
export { A2AErrorCodes, a2aErrorName } from "./a2a/error-codes.js";
export {
  isNotification,
  JsonRpcErrorObject,
  JsonRpcErrorResponse,
  JsonRpcId,
  JsonRpcParams,
  JsonRpcRequest,
  JsonRpcResponse,
  JsonRpcSuccessResponse,
  jsonRpcSuccess,
} from "./a2a/json-rpc.js";
export {
  DataPart,
  FilePart,
  FileWithBytes,
  FileWithUri,
  Message,
  Part,
  Role,
  TextPart,
} from "./a2a/message.js";
export {
  MessageSendConfiguration,
  MessageSendParams,
  MessageSendRequest,
  MessageSendResponse,
  MessageSendResult,
  MessageSendSuccessResponse,
} from "./a2a/message-send.js";
export {
  A2A_V1_METHODS,
  A2A_V03_METHODS,
  A2A_VERSION_HEADER,
  A2AProtocolVersion,
  parseA2AVersion,
} from "./a2a/protocol-versions.js";
export {
  Artifact,
  Task,
  TaskIdParams,
  TaskQueryParams,
  TaskState,
  TaskStatus,
  TERMINAL_TASK_STATES,
} from "./a2a/task.js";
export {
  V1AgentCapabilities,
  V1AgentCard,
  V1AgentInterface,
  V1AgentSkill,
} from "./a2a/v1/agent-card.js";
export {
  A2A_ERROR_DOMAIN,
  buildV1JsonRpcError,
  ERROR_INFO_TYPE,
  V1ErrorDetail,
  V1ErrorInfo,
  V1JsonRpcErrorResponse,
} from "./a2a/v1/error-details.js";
export { V1Message, V1Part, V1Role } from "./a2a/v1/message.js";
export {
  V1SendMessageConfiguration,
  V1SendMessageRequest,
  V1SendMessageResponse,
  V1SendMessageResult,
} from "./a2a/v1/send-message.js";
export {
  V1Artifact,
  V1CancelTaskRequest,
  V1GetTaskRequest,
  V1ListTasksRequest,
  V1ListTasksResponse,
  V1Task,
  V1TaskState,
  V1TaskStatus,
} from "./a2a/v1/task.js";
export {
  A2AAsyncAcceptedResponse,
  A2AEnvelopeMessage,
  A2AEnvelopePart,
  A2AEnvelopeRequest,
  A2ANoUrlBody,
  A2AQueuedResponse,
  A2ARestartingBody,
  A2ATooLargeBody,
  A2AUnreachableBody,
  QueueItemStatus,
  QueueStatusResponse,
} from "./a2a-proxy.js";
export type { HeartbeatStats } from "./builders.js";
export {
  buildAgentMessage,
  buildAgentReply,
  buildHeartbeatRequest,
  buildJsonRpcError,
  buildJsonRpcSuccess,
  buildRegisterRequest,
  buildStubAgentCard,
  STUB_CARD_DESCRIPTION,
  STUB_REPLY_TEXT,
} from "./builders.js";
export type { CallerOptions, CallOptions, PlatformResponse } from "./client/platform-api-client.js";
export {
  PlatformApiClient,
  PlatformRequestError,
  PlatformUnreachableError,
} from "./client/platform-api-client.js";
export { harnessMessage, sendThroughProxy } from "./client/send-through-proxy.js";
export { ContractError, ContractValidationError } from "./contract-error.js";
export {
  CheckAccessRequest,
  CheckAccessResponse,
  DiscoverResponse,
  PeerRow,
  PeersResponse,
} from "./discovery.js";
export {
  ErrorEnvelope,
  RegisterErrorBodies,
  RegisterErrorBody,
  RegistryBadRequestBody,
  RegistryForbiddenBody,
  RegistryUnauthorizedBody,
  RegistryUnavailableBody,
} from "./error-bodies.js";
export { formatIssuePath, formatZodError } from "./format-zod-error.js";
export { HeartbeatRequest, HeartbeatResponse, RuntimeCapability, RuntimeMetadata } from "./heartbeat.js";
export type { ExportedSchemaName, SchemaIndexEntry } from "./json-schemas.js";
export { EXPORTED_SCHEMAS, SCHEMA_ZOD_EXPORTS, schemaIndex, toContractJsonSchema } from "./json-schemas.js";
export type { ContractParseResult } from "./parse.js";
export { contractErrorMap, parseContract, safeParseContract } from "./parse.js";
export type { PlatformMessage } from "./platform-messages.js";
export {
  a2aBodyTooLargeMessage,
  ancestorPausedMessage,
  blockedAddressMessage,
  configVolumeEmptyError,
  forbiddenResolutionMessage,
  invalidUrlMessage,
  PlatformMessages,
  unresolvableHostMessage,
  urlSchemeMessage,
} from "./platform-messages.js";
export {
  AuthToken,
  BearerAuthorization,
  bearerToken,
  DeliveryMode,
  DeployMode,
  HttpUrl,
  JsonObject,
  WorkspaceId,
  WorkspaceKind,
  WorkspaceStatus,
} from "./primitives.js";
export type { LocalImageTagParts } from "./provisioner/local-image.js";
export {
  goArch,
  ImageArch,
  ImageIsolation,
  imageArch,
  LOCAL_IMAGE_REPOSITORY_PREFIX,
  LocalImageRuntime,
  localImageRepository,
  localImageTag,
  TemplateSha12,
} from "./provisioner/local-image.js";
export { PlatformLabels, platformInstanceLabel } from "./provisioner/platform-labels.js";
export type { WorkspaceNameKind, WorkspaceVolumeMount } from "./provisioner/workspace-names.js";
export {
  allWorkspaceVolumeNames,
  WorkspaceNameKinds,
  workspaceConfigVolumeName,
  workspaceContainerName,
  workspaceDataVolumeName,
  workspaceResourceName,
  workspaceSessionVolumeName,
  workspaceVolumeMounts,
} from "./provisioner/workspace-names.js";
export {
  AgentUrl,
  RegisterAgentCard,
  RegisteredAgentCard,
  RegisterRequest,
  RegisterResponse,
  registerPushUrl,
  UpdateCardRequest,
  UpdateCardResponse,
} from "./registry.js";
export type { RuntimeConfig } from "./runtime-env.js";
export { parseRuntimeEnv, RuntimeEnv, RuntimeEnvError, resolveRegisterUrl } from "./runtime-env.js";
export { ScheduleEntry, SchedulesResponse } from "./schedules.js";
export { contractVectorFile, contractVectors } from "./vectors/contract-vectors.js";
export type { Vector, VectorSet } from "./vectors/vector.js";
export {
  ApprovalDecisionRequest,
  ApprovalDecisionResponse,
  CreatedExternalOnlineWorkspace,
  CreatedExternalWorkspace,
  CreatedWorkspace,
  CreateWorkspaceRequest,
  CreateWorkspaceResponse,
  DeleteCascadeConfirmationBody,
  DeleteConfirmationRequiredBody,
  DeletePendingApprovalResponse,
  DeletePurgedResponse,
  DeleteRemovedResponse,
  DeleteWorkspaceResponse,
  HibernateResponse,
  PauseResponse,
  PendingApprovalResponse,
  RestartRequest,
  RestartResponse,
  ResumeResponse,
  SecretWriteRequest,
  SecretWriteResponse,
  TokenListItem,
  TokenListResponse,
  TokenMintResponse,
  TokenRevokeResponse,
  WorkspaceList,
  WorkspaceRemovedBody,
  WorkspaceRow,
  WorkspaceState,
  WorkspaceStateDeleted,
  WorkspaceStateLive,
} from "./workspaces.js";
