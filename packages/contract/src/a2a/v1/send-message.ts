import { z } from "zod";
import { JsonObject } from "../../primitives.js";
import { jsonRpcSuccess } from "../json-rpc.js";
import { V1JsonRpcErrorResponse } from "./error-details.js";
import { V1Message } from "./message.js";
import { exactlyOneOf } from "./one-of.js";
import { V1Task, v1HistoryLength, v1Tenant } from "./task.js";

/**
 * `SendMessage` configuration. Unlike v0.3's `blocking`, a v1.0 send waits for a terminal or
 * interrupted state unless `returnImmediately` is true.
 */
export const V1SendMessageConfiguration = z
  .looseObject({
    acceptedOutputModes: z
      .array(z.string())
      .optional()
      .describe("MIME types the client accepts in the reply's parts."),
    taskPushNotificationConfig: JsonObject.optional().describe(
      "Where and how the agent pushes task updates.",
    ),
    historyLength: v1HistoryLength(),
    returnImmediately: z
      .boolean()
      .optional()
      .describe("Return once the task exists, instead of waiting for a terminal or interrupted state."),
  })
  .describe("How the agent handles the send.");
export type V1SendMessageConfiguration = z.infer<typeof V1SendMessageConfiguration>;

/** `SendMessage` (and `SendStreamingMessage`) params. */
export const V1SendMessageRequest = z
  .looseObject({
    tenant: v1Tenant(),
    message: V1Message.describe("The message to send to the agent."),
    configuration: V1SendMessageConfiguration.optional(),
    metadata: JsonObject.optional().describe("Metadata of the call."),
  })
  .describe("The params of an A2A v1.0 SendMessage call.");
export type V1SendMessageRequest = z.infer<typeof V1SendMessageRequest>;

/** `SendMessage` result: `{task}` or `{message}`, never both. */
export const V1SendMessageResult = exactlyOneOf(
  {
    task: V1Task.optional().describe("The task the message started or continued."),
    message: V1Message.optional().describe("The agent's reply as a plain message, without a task."),
  },
  ["task", "message"],
  "a SendMessage result holds exactly one of task or message",
).describe("The result of SendMessage: exactly one of task or message.");
export type V1SendMessageResult = z.infer<typeof V1SendMessageResult>;

/** A `SendMessage` JSON-RPC response: success or a v1.0 error. */
export const V1SendMessageResponse = z
  .union([jsonRpcSuccess(V1SendMessageResult), V1JsonRpcErrorResponse])
  .describe("The JSON-RPC answer to an A2A v1.0 SendMessage: a task or a message.");
export type V1SendMessageResponse = z.infer<typeof V1SendMessageResponse>;
