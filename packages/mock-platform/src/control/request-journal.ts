/** One request the mock platform answered. */
export interface JournalEntry {
  seq: number;
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
}

export interface JournalFilter {
  method?: string;
  route?: string;
  workspaceId?: string;
  since?: number;
}

/** A bounded log of the requests the mock platform answered (the `/__mock/` routes excluded). */
export class RequestJournal {
  #seq = 0;
  #entries: JournalEntry[] = [];

  constructor(private readonly limit: number) {}

  record(entry: Omit<JournalEntry, "seq" | "at">): JournalEntry {
    const full: JournalEntry = { seq: ++this.#seq, at: new Date().toISOString(), ...entry };
    this.#entries.push(full);
    if (this.#entries.length > this.limit) this.#entries.splice(0, this.#entries.length - this.limit);
    return full;
  }

  entries(filter: JournalFilter = {}): JournalEntry[] {
    return this.#entries.filter(
      (e) =>
        (filter.method === undefined || e.method === filter.method.toUpperCase()) &&
        (filter.route === undefined || e.route === filter.route) &&
        (filter.workspaceId === undefined || e.workspaceId === filter.workspaceId) &&
        (filter.since === undefined || e.seq > filter.since),
    );
  }

  clear(): void {
    this.#entries = [];
  }
}
