import { BoundedLog } from "../context/bounded-log.js";

/** One request the mock platform answered. */
export interface JournalEntry {
  seq: number;
  /** When the request arrived (ISO 8601). */
  at: string;
  method: string;
  path: string;
  /** The route pattern that answered, e.g. `/workspaces/:id/a2a`. */
  route: string;
  /** 0 for a dropped connection. */
  status: number;
  durationMs: number;
  workspaceId?: string;
  /** Set when a fault or the downtime window answered instead of the route. */
  fault?: string;
  /** The request headers (lower-case names), credentials redacted: see `redactSecret`. */
  headers: Record<string, string>;
  /** The request body as text, credentials redacted, at most `journalBodyBytes`; absent when empty. */
  body?: string;
  /** Set when the body was longer than `journalBodyBytes` and was cut. */
  bodyTruncated?: true;
}

/** Which entries to return; every given field must match. */
export interface JournalFilter {
  method?: string;
  /** A concrete path (`/registry/heartbeat`) or the route pattern that answered (`/workspaces/:id/a2a`). */
  path?: string;
  /** The route pattern only. */
  route?: string;
  workspaceId?: string;
  status?: number;
  /** Entries after this `seq`. */
  since?: number;
}

/** The read side of the journal, as `platform.journal` exposes it. */
export interface JournalView {
  /** The entries matching `filter`, oldest first. */
  find(filter?: JournalFilter): JournalEntry[];
}

/** What an entry's body and headers weigh, for the journal's byte bound: their characters. */
export function journalEntryChars(entry: Pick<JournalEntry, "headers" | "body">): number {
  let chars = entry.body?.length ?? 0;
  for (const [name, value] of Object.entries(entry.headers)) chars += name.length + value.length;
  return chars;
}

/**
 * A bounded log of the requests the mock platform answered (the `/__mock/` routes excluded): at most
 * `limit` entries and `charLimit` characters of bodies and headers in all; the oldest entries go first.
 */
export class RequestJournal implements JournalView {
  #seq = 0;
  readonly #entries: BoundedLog<JournalEntry>;

  /**
   * @param limit entries kept
   * @param bodyLimit bytes of each request body kept
   * @param charLimit characters of bodies and headers kept in all (the newest entry always stays)
   */
  constructor(
    limit: number,
    readonly bodyLimit: number = 16 * 1024,
    charLimit: number = 4 * 1024 * 1024,
  ) {
    this.#entries = new BoundedLog(limit, charLimit);
  }

  record(entry: Omit<JournalEntry, "seq">): JournalEntry {
    const full: JournalEntry = { seq: ++this.#seq, ...entry };
    this.#entries.push(full, journalEntryChars(full));
    return full;
  }

  find(filter: JournalFilter = {}): JournalEntry[] {
    const method = filter.method?.toUpperCase();
    return this.#entries.filter(
      (e) =>
        (method === undefined || e.method === method) &&
        (filter.path === undefined || e.path === filter.path || e.route === filter.path) &&
        (filter.route === undefined || e.route === filter.route) &&
        (filter.workspaceId === undefined || e.workspaceId === filter.workspaceId) &&
        (filter.status === undefined || e.status === filter.status) &&
        (filter.since === undefined || e.seq > filter.since),
    );
  }

  /** Same as {@link find}. */
  entries(filter: JournalFilter = {}): JournalEntry[] {
    return this.find(filter);
  }

  clear(): void {
    this.#entries.clear();
  }
}
