/** Where a command prints: one line at a time, to stdout (`out`) or stderr (`err`). */
export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}
