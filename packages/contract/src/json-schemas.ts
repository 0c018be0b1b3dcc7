import { z } from "zod";
import { AgentCard } from "./a2a/agent-card.js";
import {
  JsonRpcErrorResponse,
  JsonRpcRequest,
  JsonRpcResponse,
  JsonRpcSuccessResponse,
} from "./a2a/json-rpc.js";
import { Message, Part } from "./a2a/message.js";
import { MessageSendParams, MessageSendRequest, MessageSendResponse } from "./a2a/message-send.js";
import { Task } from "./a2a/task.js";
import { V1AgentCard } from "./a2a/v1/agent-card.js";
import { V1JsonRpcErrorResponse } from "./a2a/v1/error-details.js";
import { V1Message, V1Part } from "./a2a/v1/message.js";
import { V1SendMessageRequest, V1SendMessageResponse } from "./a2a/v1/send-message.js";
import {
  V1CancelTaskRequest,
  V1GetTaskRequest,
  V1ListTasksRequest,
  V1ListTasksResponse,
  V1Task,
} from "./a2a/v1/task.js";
import {
  A2AAsyncAcceptedResponse,
  A2AEnvelopeRequest,
  A2ANoUrlBody,
  A2AQueuedResponse,
  A2ARestartingBody,
  A2ATooLargeBody,
  A2AUnreachableBody,
  QueueStatusResponse,
} from "./a2a-proxy.js";
import { CheckAccessRequest, CheckAccessResponse, DiscoverResponse, PeersResponse } from "./discovery.js";
import { ErrorEnvelope, RegisterErrorBody } from "./error-bodies.js";
import { HeartbeatRequest, HeartbeatResponse } from "./heartbeat.js";
import {
  RegisteredAgentCard,
  RegisterRequest,
  RegisterResponse,
  UpdateCardRequest,
  UpdateCardResponse,
} from "./registry.js";
import { RuntimeEnv } from "./runtime-env.js";
import { SchedulesResponse } from "./schedules.js";
import {
  ApprovalDecisionRequest,
  ApprovalDecisionResponse,
  CreateWorkspaceRequest,
  CreateWorkspaceResponse,
  DeleteCascadeConfirmationBody,
  DeleteConfirmationRequiredBody,
  DeleteWorkspaceResponse,
  HibernateResponse,
  PauseResponse,
  PendingApprovalResponse,
  RestartRequest,
  RestartResponse,
  ResumeResponse,
  SecretWriteRequest,
  SecretWriteResponse,
  TokenListResponse,
  TokenMintResponse,
  TokenRevokeResponse,
  WorkspaceList,
  WorkspaceRemovedBody,
  WorkspaceRow,
  WorkspaceState,
} from "./workspaces.js";

/** Every schema exported as JSON Schema, by file name (`schemas/<name>.json`). */
export const EXPORTED_SCHEMAS = {
  "runtime-env": RuntimeEnv,
  "register-request": RegisterRequest,
  "register-response": RegisterResponse,
  "register-error": RegisterErrorBody,
  "heartbeat-request": HeartbeatRequest,
  "heartbeat-response": HeartbeatResponse,
  "update-card-request": UpdateCardRequest,
  "update-card-response": UpdateCardResponse,
  "registered-agent-card": RegisteredAgentCard,
  "check-access-request": CheckAccessRequest,
  "check-access-response": CheckAccessResponse,
  "peers-response": PeersResponse,
  "discover-response": DiscoverResponse,
  "json-rpc-request": JsonRpcRequest,
  "json-rpc-success-response": JsonRpcSuccessResponse,
  "json-rpc-error-response": JsonRpcErrorResponse,
  "json-rpc-response": JsonRpcResponse,
  "a2a-part": Part,
  "a2a-message": Message,
  "a2a-task": Task,
  "a2a-agent-card": AgentCard,
  "message-send-params": MessageSendParams,
  "message-send-request": MessageSendRequest,
  "message-send-response": MessageSendResponse,
  "a2a-envelope-request": A2AEnvelopeRequest,
  "a2a-async-accepted-response": A2AAsyncAcceptedResponse,
  "a2a-restarting-body": A2ARestartingBody,
  "a2a-unreachable-body": A2AUnreachableBody,
  "a2a-no-url-body": A2ANoUrlBody,
  "a2a-too-large-body": A2ATooLargeBody,
  "a2a-v1-part": V1Part,
  "a2a-v1-message": V1Message,
  "a2a-v1-task": V1Task,
  "a2a-v1-agent-card": V1AgentCard,
  "a2a-v1-send-message-request": V1SendMessageRequest,
  "a2a-v1-send-message-response": V1SendMessageResponse,
  "a2a-v1-get-task-request": V1GetTaskRequest,
  "a2a-v1-cancel-task-request": V1CancelTaskRequest,
  "a2a-v1-list-tasks-request": V1ListTasksRequest,
  "a2a-v1-list-tasks-response": V1ListTasksResponse,
  "a2a-v1-json-rpc-error-response": V1JsonRpcErrorResponse,
  "workspace-create-request": CreateWorkspaceRequest,
  "workspace-create-response": CreateWorkspaceResponse,
  "workspace-row": WorkspaceRow,
  "workspace-list": WorkspaceList,
  "workspace-state": WorkspaceState,
  "workspace-removed-body": WorkspaceRemovedBody,
  "secret-write-request": SecretWriteRequest,
  "secret-write-response": SecretWriteResponse,
  "token-mint-response": TokenMintResponse,
  "token-list-response": TokenListResponse,
  "token-revoke-response": TokenRevokeResponse,
  "restart-request": RestartRequest,
  "restart-response": RestartResponse,
  "delete-response": DeleteWorkspaceResponse,
  "pause-response": PauseResponse,
  "resume-response": ResumeResponse,
  "hibernate-response": HibernateResponse,
  "delete-confirmation-required-body": DeleteConfirmationRequiredBody,
  "delete-cascade-confirmation-body": DeleteCascadeConfirmationBody,
  "pending-approval-response": PendingApprovalResponse,
  "approval-decision-request": ApprovalDecisionRequest,
  "approval-decision-response": ApprovalDecisionResponse,
  "a2a-queued-response": A2AQueuedResponse,
  "queue-status-response": QueueStatusResponse,
  "error-envelope": ErrorEnvelope,
  "schedules-response": SchedulesResponse,
} as const satisfies Record<string, z.ZodType>;

export type ExportedSchemaName = keyof typeof EXPORTED_SCHEMAS;

/** The package export each JSON Schema is generated from (its zod schema and type share the name). */
export const SCHEMA_ZOD_EXPORTS: Record<ExportedSchemaName, string> = {
  "runtime-env": "RuntimeEnv",
  "register-request": "RegisterRequest",
  "register-response": "RegisterResponse",
  "register-error": "RegisterErrorBody",
  "heartbeat-request": "HeartbeatRequest",
  "heartbeat-response": "HeartbeatResponse",
  "update-card-request": "UpdateCardRequest",
  "update-card-response": "UpdateCardResponse",
  "registered-agent-card": "RegisteredAgentCard",
  "check-access-request": "CheckAccessRequest",
  "check-access-response": "CheckAccessResponse",
  "peers-response": "PeersResponse",
  "discover-response": "DiscoverResponse",
  "json-rpc-request": "JsonRpcRequest",
  "json-rpc-success-response": "JsonRpcSuccessResponse",
  "json-rpc-error-response": "JsonRpcErrorResponse",
  "json-rpc-response": "JsonRpcResponse",
  "a2a-part": "Part",
  "a2a-message": "Message",
  "a2a-task": "Task",
  "a2a-agent-card": "AgentCard",
  "message-send-params": "MessageSendParams",
  "message-send-request": "MessageSendRequest",
  "message-send-response": "MessageSendResponse",
  "a2a-v1-part": "V1Part",
  "a2a-v1-message": "V1Message",
  "a2a-v1-task": "V1Task",
  "a2a-v1-agent-card": "V1AgentCard",
  "a2a-v1-send-message-request": "V1SendMessageRequest",
  "a2a-v1-send-message-response": "V1SendMessageResponse",
  "a2a-v1-get-task-request": "V1GetTaskRequest",
  "a2a-v1-cancel-task-request": "V1CancelTaskRequest",
  "a2a-v1-list-tasks-request": "V1ListTasksRequest",
  "a2a-v1-list-tasks-response": "V1ListTasksResponse",
  "a2a-v1-json-rpc-error-response": "V1JsonRpcErrorResponse",
  "a2a-envelope-request": "A2AEnvelopeRequest",
  "a2a-async-accepted-response": "A2AAsyncAcceptedResponse",
  "a2a-restarting-body": "A2ARestartingBody",
  "a2a-unreachable-body": "A2AUnreachableBody",
  "a2a-no-url-body": "A2ANoUrlBody",
  "a2a-too-large-body": "A2ATooLargeBody",
  "workspace-create-request": "CreateWorkspaceRequest",
  "workspace-create-response": "CreateWorkspaceResponse",
  "workspace-row": "WorkspaceRow",
  "workspace-list": "WorkspaceList",
  "workspace-state": "WorkspaceState",
  "workspace-removed-body": "WorkspaceRemovedBody",
  "secret-write-request": "SecretWriteRequest",
  "secret-write-response": "SecretWriteResponse",
  "token-mint-response": "TokenMintResponse",
  "token-list-response": "TokenListResponse",
  "token-revoke-response": "TokenRevokeResponse",
  "restart-request": "RestartRequest",
  "restart-response": "RestartResponse",
  "delete-response": "DeleteWorkspaceResponse",
  "pause-response": "PauseResponse",
  "resume-response": "ResumeResponse",
  "hibernate-response": "HibernateResponse",
  "delete-confirmation-required-body": "DeleteConfirmationRequiredBody",
  "delete-cascade-confirmation-body": "DeleteCascadeConfirmationBody",
  "pending-approval-response": "PendingApprovalResponse",
  "approval-decision-request": "ApprovalDecisionRequest",
  "approval-decision-response": "ApprovalDecisionResponse",
  "a2a-queued-response": "A2AQueuedResponse",
  "queue-status-response": "QueueStatusResponse",
  "error-envelope": "ErrorEnvelope",
  "schedules-response": "SchedulesResponse",
};

/** One entry of `schemas/index.json`: the schema's name, file, title (its zod export) and description. */
export interface SchemaIndexEntry {
  name: ExportedSchemaName;
  file: string;
  title: string;
  zod: string;
  description: string;
  vectors: string;
}

/** `schemas/index.json`: every exported schema, in `EXPORTED_SCHEMAS` order. */
export function schemaIndex(): SchemaIndexEntry[] {
  return (Object.keys(EXPORTED_SCHEMAS) as ExportedSchemaName[]).map((name) => ({
    name,
    file: `${name}.json`,
    title: SCHEMA_ZOD_EXPORTS[name],
    zod: SCHEMA_ZOD_EXPORTS[name],
    description: String(toContractJsonSchema(name).description ?? ""),
    vectors: `../vectors/${name}.json`,
  }));
}

/**
 * The JSON Schema (draft 2020-12) of one exported schema, describing what is valid on the wire:
 * the input side of each zod schema, so defaults are optional and transforms are left out.
 */
export function toContractJsonSchema(name: ExportedSchemaName): Record<string, unknown> {
  const schema = z.toJSONSchema(EXPORTED_SCHEMAS[name], {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
  });
  return {
    $schema: schema.$schema,
    $id: `urn:molecule-ctk:schema:${name}`,
    title: SCHEMA_ZOD_EXPORTS[name],
    ...schema,
  };
}
