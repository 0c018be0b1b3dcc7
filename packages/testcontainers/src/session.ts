import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

/** Label on every image and container this package creates in one process (one "session"). */
export const SESSION_LABEL = "molecule-ctk.session";
/** Label carrying `<host>:<pid>` of the process that owns the session. */
export const SESSION_OWNER_LABEL = "molecule-ctk.session.owner";

let id: string | undefined;

/** This process's session id: random, fixed for the life of the process. */
export function sessionId(): string {
  id ??= randomBytes(6).toString("hex");
  return id;
}

/** The labels everything this package creates in this process carries. */
export function sessionLabels(): Record<string, string> {
  return { [SESSION_LABEL]: sessionId(), [SESSION_OWNER_LABEL]: `${hostname()}:${process.pid}` };
}
