import { z } from "zod";
import { JsonObject } from "../primitives.js";
import { JsonRpcErrorResponse, JsonRpcId, jsonRpcSuccess } from "./json-rpc.js";
import { Message } from "./message.js";
import { Task } from "./task.js";

/** `message/send` configuration (A2A v0.3). */
export const MessageSendConfiguration = z.looseObject({
  acceptedOutputModes: z.array(z.string()).optional(),
  historyLength: z.int().nonnegative().optional(),
  pushNotificationConfig: JsonObject.optional(),
  blocking: z.boolean().optional(),
});
export type MessageSendConfiguration = z.infer<typeof MessageSendConfiguration>;

/** `message/send` params: the message, with optional configuration and metadata. */
export const MessageSendParams = z.looseObject({
  message: Message,
  configuration: MessageSendConfiguration.optional(),
  metadata: JsonObject.optional(),
});
export type MessageSendParams = z.output<typeof MessageSendParams>;

/** A `message/send` JSON-RPC request as the platform forwards it. */
export const MessageSendRequest = z.object({
  jsonrpc: z.literal("2.0"),
  id: JsonRpcId.optional(),
  method: z.literal("message/send"),
  params: MessageSendParams,
});
export type MessageSendRequest = z.output<typeof MessageSendRequest>;

/** A `message/send` result: a Message or a Task. */
export const MessageSendResult = z.union([Task, Message]);
export type MessageSendResult = z.output<typeof MessageSendResult>;

/** A successful `message/send` response. */
export const MessageSendSuccessResponse = jsonRpcSuccess(MessageSendResult);
export type MessageSendSuccessResponse = z.output<typeof MessageSendSuccessResponse>;

/** A `message/send` response: success or JSON-RPC error. */
export const MessageSendResponse = z.union([MessageSendSuccessResponse, JsonRpcErrorResponse]);
export type MessageSendResponse = z.output<typeof MessageSendResponse>;
