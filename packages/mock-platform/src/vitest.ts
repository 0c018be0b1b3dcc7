// @molecule-ctk/mock-platform/vitest: request verification for vitest. Importing this module adds
// `expect(platform).toHaveReceived({ path: "/registry/heartbeat", times: 3 })` to vitest's expect.
import { expect } from "vitest";
import type { JournalEntry, JournalFilter, JournalView } from "./control/request-journal.js";

/** What `toHaveReceived` looks for: a journal filter, and how many matches (default: at least one). */
export interface ReceivedExpectation extends JournalFilter {
  /** Exactly this many matching requests. */
  times?: number;
}

declare module "vitest" {
  // biome-ignore lint/suspicious/noExplicitAny: must repeat vitest's own declaration to merge with it
  interface Matchers<T = any> {
    /** The mock platform (anything with a `journal`) received requests matching `expected`. */
    toHaveReceived(expected: ReceivedExpectation): T;
  }
}

function journalOf(received: unknown): JournalView | undefined {
  const candidate = (received as { journal?: unknown } | null)?.journal ?? received;
  return typeof (candidate as JournalView | null)?.find === "function"
    ? (candidate as JournalView)
    : undefined;
}

function describeRequest(expected: ReceivedExpectation): string {
  const { times: _times, ...filter } = expected;
  const parts = Object.entries(filter).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return parts.length > 0 ? parts.join(" ") : "any request";
}

function summarize(entries: ReadonlyArray<JournalEntry>): string {
  const lines = entries.slice(-10).map((e) => `  #${e.seq} ${e.method} ${e.path} -> ${e.status}`);
  const more = entries.length > 10 ? `  (${entries.length - 10} earlier entries not shown)\n` : "";
  return entries.length === 0 ? "  (the journal is empty)" : `${more}${lines.join("\n")}`;
}

/** The matchers this module adds to vitest's `expect` (for `expect.extend` in a custom setup). */
export const mockPlatformMatchers = {
  toHaveReceived(received: unknown, expected: ReceivedExpectation) {
    const journal = journalOf(received);
    if (!journal) {
      return {
        pass: false,
        message: () =>
          "[mock-platform] toHaveReceived needs a mock platform (or its journal): pass the object createMockPlatform returned",
      };
    }
    const { times, ...filter } = expected;
    const matches = journal.find(filter);
    const pass = times === undefined ? matches.length > 0 : matches.length === times;
    const wanted = times === undefined ? "at least 1" : String(times);
    return {
      pass,
      actual: matches.length,
      expected: times ?? ">= 1",
      message: () =>
        pass
          ? `expected the mock platform not to have received ${describeRequest(expected)} ${wanted} time(s), but it did`
          : `expected the mock platform to have received ${describeRequest(expected)} ${wanted} time(s), got ${matches.length}; the journal's latest entries:\n${summarize(journal.find())}`,
    };
  },
};

expect.extend(mockPlatformMatchers);
