import { z } from "zod";
import { JsonObject } from "../primitives.js";
import { JsonRpcErrorResponse, JsonRpcId, jsonRpcSuccess } from "./json-rpc.js";
import { Message } from "./message.js";
import { Task } from "./task.js";

/** `message/send` configuration (A2A v0.3). */
export const MessageSendConfiguration = z
  .looseObject({
    acceptedOutputModes: z.array(z.string()).optional().describe("Output MIME types the client accepts."),
    historyLength: z.int().nonnegative().optional().describe("How many history messages to return."),
    pushNotificationConfig: JsonObject.optional().describe("Where to push task updates."),
    blocking: z.boolean().optional().describe("Whether to wait for a terminal state."),
  })
  .describe("message/send configuration.");
export type MessageSendConfiguration = z.infer<typeof MessageSendConfiguration>;

/** `message/send` params: the message, with optional configuration and metadata. */
export const MessageSendParams = z
  .looseObject({
    message: Message,
    configuration: MessageSendConfiguration.optional(),
    metadata: JsonObject.optional().describe("Metadata of the request."),
  })
  .describe("message/send params.");
export type MessageSendParams = z.output<typeof MessageSendParams>;

/** A `message/send` JSON-RPC request as the platform forwards it. */
export const MessageSendRequest = z
  .object({
    jsonrpc: z.literal("2.0").describe('The JSON-RPC version, "2.0".'),
    id: JsonRpcId.optional(),
    method: z.literal("message/send").describe('"message/send".'),
    params: MessageSendParams,
  })
  .describe("A message/send JSON-RPC request as the platform forwards it to a runtime.");
export type MessageSendRequest = z.output<typeof MessageSendRequest>;

/** A `message/send` result: a Message or a Task. */
export const MessageSendResult = z.union([Task, Message]).describe("The result: a task or a message.");
export type MessageSendResult = z.output<typeof MessageSendResult>;

/** A successful `message/send` response. */
export const MessageSendSuccessResponse = jsonRpcSuccess(MessageSendResult);
export type MessageSendSuccessResponse = z.output<typeof MessageSendSuccessResponse>;

/** A `message/send` response: success or JSON-RPC error. */
export const MessageSendResponse = z
  .union([MessageSendSuccessResponse, JsonRpcErrorResponse])
  .describe("A message/send response: success or JSON-RPC error.");
export type MessageSendResponse = z.output<typeof MessageSendResponse>;
