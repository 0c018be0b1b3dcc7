/** Base class of every error the stub runtime throws. */
export class StubRuntimeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One or more `STUB_*` knobs hold a value the stub cannot use; `problems` lists each variable at fault. */
export class StubConfigError extends StubRuntimeError {
  readonly problems: ReadonlyArray<{ variable: string; problem: string }>;

  constructor(problems: ReadonlyArray<{ variable: string; problem: string }>) {
    super(
      `[stub-runtime] invalid configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.problem}`).join("\n")}`,
    );
    this.problems = problems;
  }
}
