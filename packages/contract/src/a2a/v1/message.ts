import { z } from "zod";
import { JsonObject } from "../../primitives.js";
import { exactlyOneOf } from "./one-of.js";

// A2A v1.0 objects are ProtoJSON: camelCase members, enum names as strings, no `kind` tags. Like the
// v0.3 schemas they are loose, since the spec asks implementations to ignore unrecognised fields.

const PartCommon = {
  metadata: JsonObject.optional().describe("Metadata of the part."),
  filename: z.string().optional().describe('The file name, e.g. "report.pdf".'),
  mediaType: z.string().optional().describe('The MIME type of the content, e.g. "text/plain".'),
};

/**
 * A v1.0 part: exactly one of `text`, `raw` (base64 bytes), `url` or `data` (any JSON value), with
 * optional `filename`, `mediaType` and `metadata` on every kind.
 */
export const V1Part = exactlyOneOf(
  {
    text: z.string().optional().describe("The text."),
    // ProtoJSON `bytes`: standard or URL-safe base64, padding optional.
    raw: z
      .string()
      .regex(/^[A-Za-z0-9+/_-]*={0,2}$/, { error: "must be base64" })
      .optional()
      .describe("The content as bytes, base64 (standard or URL-safe)."),
    url: z.string().min(1).optional().describe("Where the content is."),
    data: z.json().optional().describe("Structured data: any JSON value."),
    ...PartCommon,
  },
  ["text", "raw", "url", "data"],
  "a part holds exactly one of text, raw, url or data",
).describe("An A2A v1.0 part: exactly one of text, raw (base64), url or data.");
export type V1Part = z.infer<typeof V1Part>;

/** The sender of a v1.0 message (`ROLE_UNSPECIFIED` is not a valid sender). */
export const V1Role = z
  .enum(["ROLE_USER", "ROLE_AGENT"])
  .describe("Who sent the message: ROLE_USER (the client) or ROLE_AGENT (the agent).");
export type V1Role = z.infer<typeof V1Role>;

/** An A2A v1.0 Message: `messageId`, `role` and at least one part are required. */
export const V1Message = z
  .looseObject({
    messageId: z.string().min(1).describe("The message's id, chosen by its sender."),
    contextId: z.string().optional().describe("The conversation context the message belongs to."),
    taskId: z.string().optional().describe("The task the message belongs to."),
    role: V1Role,
    parts: z.array(V1Part).min(1).describe("The content, in order (at least one part)."),
    metadata: JsonObject.optional().describe("Metadata of the message."),
    extensions: z.array(z.string()).optional().describe("URIs of extensions the message uses."),
    referenceTaskIds: z.array(z.string()).optional().describe("Tasks the message refers to."),
  })
  .describe("An A2A v1.0 message (ROLE_USER or ROLE_AGENT, at least one part).");
export type V1Message = z.infer<typeof V1Message>;
