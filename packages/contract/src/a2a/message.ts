import { z } from "zod";
import { JsonObject } from "../primitives.js";

// A2A v0.3 objects are loose: members this version does not name pass through untouched.

/** `{kind: "text", text}` (A2A v0.3). */
const partMetadata = () => JsonObject.optional().describe("Metadata of the part.");

export const TextPart = z
  .looseObject({
    kind: z.literal("text").describe('"text".'),
    text: z.string().describe("The text."),
    metadata: partMetadata(),
  })
  .describe("A text part.");
export type TextPart = z.infer<typeof TextPart>;

const FileBase = () => ({
  name: z.string().optional().describe("The file name."),
  mimeType: z.string().optional().describe("The MIME type."),
});

/** A file given inline as base64 `bytes`. */
export const FileWithBytes = z
  .looseObject({ ...FileBase(), bytes: z.string().describe("The content, base64.") })
  .describe("A file given inline.");
/** A file given by `uri`. */
export const FileWithUri = z
  .looseObject({ ...FileBase(), uri: z.string().describe("Where the file is.") })
  .describe("A file given by URI.");

/** `{kind: "file", file: {bytes | uri, name?, mimeType?}}` (A2A v0.3). */
export const FilePart = z
  .looseObject({
    kind: z.literal("file").describe('"file".'),
    file: z.union([FileWithBytes, FileWithUri]).describe("The file, inline or by URI."),
    metadata: partMetadata(),
  })
  .describe("A file part.");
export type FilePart = z.infer<typeof FilePart>;

/** `{kind: "data", data: {...}}` (A2A v0.3). */
export const DataPart = z
  .looseObject({
    kind: z.literal("data").describe('"data".'),
    data: JsonObject.describe("Structured data."),
    metadata: partMetadata(),
  })
  .describe("A structured-data part.");
export type DataPart = z.infer<typeof DataPart>;

/**
 * A message part, tagged by `kind`. The platform's proxy renames v0.2 `type` to `kind` before it
 * forwards (contract 7.3), so a runtime always sees `kind`.
 */
export const Part = z
  .discriminatedUnion("kind", [TextPart, FilePart, DataPart])
  .describe("A message part, tagged by kind: text, file or data.");
export type Part = z.infer<typeof Part>;

/** The two roles of a v0.3 message. */
export const Role = z.enum(["user", "agent"]).describe("Who sent the message: user or agent.");
export type Role = z.infer<typeof Role>;

/**
 * An A2A v0.3 Message. `kind` defaults to "message": the platform's proxy adds `messageId` and
 * `role` but not `kind` (contract 7.3), and a2a-python defaults it the same way.
 */
export const Message = z
  .looseObject({
    kind: z.literal("message").default("message").describe('"message" (the default when absent).'),
    role: Role,
    parts: z.array(Part).describe("The content, in order."),
    messageId: z.string().min(1).describe("The message's id."),
    taskId: z.string().optional().describe("The task the message belongs to."),
    contextId: z.string().optional().describe("The conversation context."),
    metadata: JsonObject.optional().describe("Metadata of the message."),
    extensions: z.array(z.string()).optional().describe("URIs of extensions the message uses."),
    referenceTaskIds: z.array(z.string()).optional().describe("Tasks the message refers to."),
  })
  .describe("An A2A v0.3 message.");
export type Message = z.output<typeof Message>;
