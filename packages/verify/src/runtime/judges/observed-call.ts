import type { JournalEntry } from "@molecule-ctk/mock-platform";

/** The bearer a call carried, as far as the journal's redaction lets it be known. */
export type ObservedBearer =
  | { kind: "none" }
  /** `Bearer <token>`: the first 12 hex digits of the token's sha256. */
  | { kind: "token"; hash12: string }
  /** An Authorization header that is not `Bearer <token>`. */
  | { kind: "malformed" };

/** One register or heartbeat the platform received, read from its journal. */
export interface ObservedCall {
  /** The journal's sequence number. */
  index: number;
  /** Arrival, epoch ms. */
  at: number;
  /** When the platform's answer left, epoch ms. */
  answeredAt: number;
  /** 0 when the platform dropped the connection (downtime). */
  status: number;
  workspaceId: string | undefined;
  /** How the report names the workspace: "provisioned" or "bootstrap". */
  workspaceLabel: string;
  bearer: ObservedBearer;
  body: string | undefined;
  bodyTruncated: boolean;
}

const FINGERPRINT = /^Bearer <redacted sha256:([0-9a-f]{12})>$/;

/** Reads what a journal entry says about a call. */
export function observeCall(entry: JournalEntry, workspaceLabel: string): ObservedCall {
  const authorization = entry.headers["authorization"];
  const hash12 = authorization === undefined ? undefined : FINGERPRINT.exec(authorization)?.[1];
  const bearer: ObservedBearer =
    authorization === undefined
      ? { kind: "none" }
      : hash12
        ? { kind: "token", hash12 }
        : { kind: "malformed" };
  return {
    index: entry.seq,
    at: Date.parse(entry.at),
    answeredAt: Date.parse(entry.at) + entry.durationMs,
    status: entry.status,
    workspaceId: entry.workspaceId,
    workspaceLabel,
    bearer,
    body: entry.body,
    bodyTruncated: entry.bodyTruncated === true,
  };
}
