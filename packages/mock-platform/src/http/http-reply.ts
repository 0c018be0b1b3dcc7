import { ErrorEnvelope, parseContract } from "@molecule-ctk/contract";
import type { z } from "zod";

/** What a service answers: a status, a body already checked against the contract, extra headers. */
export interface HttpReply {
  status: number;
  /** A JSON body; ignored when `raw` is set. */
  body?: unknown;
  /** A body to send verbatim (the proxy's pass-through). */
  raw?: string;
  headers?: Record<string, string>;
}

export type ContractSchema = Parameters<typeof parseContract>[0];

export type SchemaInput<S extends ContractSchema> = z.input<S>;

/** A reply whose body is checked with `schema` first: a mock platform bug throws instead of reaching the wire. */
export function reply<S extends ContractSchema>(
  schema: S,
  status: number,
  body: SchemaInput<S>,
  headers?: Record<string, string>,
): HttpReply {
  parseContract(schema, body, `[mock-platform] ${status} response body`);
  return { status, body, ...(headers ? { headers } : {}) };
}

/** An error reply `{"error": message, ...extra}`. */
export function errorReply(
  status: number,
  error: string,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
): HttpReply {
  return reply(ErrorEnvelope, status, { error, ...extra } as ErrorEnvelope, headers);
}
