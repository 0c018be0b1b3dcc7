import type { Reporter, SerializedError, TestModule, TestRunEndReason, Vitest } from "vitest/node";

/**
 * Prints one plain closing line, `tests: N passed, N failed, N skipped`, that any CI log reader can
 * count without knowing vitest's own summary format. A file that failed to load, and an error
 * outside any test (a global setup or teardown that threw), each count as one failure. When a
 * project skipped its Docker-backed tests for want of an engine, the line says so and why.
 */
export default class SummaryReporter implements Reporter {
  #vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.#vitest = vitest;
  }

  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
  ): void {
    const counts = { passed: 0, failed: unhandledErrors.length, skipped: 0 };
    for (const module of testModules) {
      const tests = [...module.children.allTests()];
      for (const test of tests) {
        const state = test.result().state;
        if (state === "passed") counts.passed++;
        else if (state === "failed") counts.failed++;
        else counts.skipped++;
      }
      if (module.state() === "failed" && tests.length === 0) counts.failed++;
    }
    // A run that failed outside every test and file (a global setup that threw) still counts as failed.
    if (reason === "failed" && counts.failed === 0) counts.failed = 1;
    const line = `tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
    const print = (text: string) =>
      this.#vitest ? this.#vitest.logger.log(text) : process.stdout.write(`${text}\n`);
    print(`\n${line}${this.#dockerNote(counts.skipped)}`);
  }

  // "(Docker-backed tests of e2e, mock-platform skipped: <reason>)" when a project had no engine.
  #dockerNote(skipped: number): string {
    if (skipped === 0 || !this.#vitest) return "";
    const missing = this.#vitest.projects.flatMap((project) => {
      const context = project.getProvidedContext() as {
        dockerAvailable?: boolean;
        dockerMissingReason?: string;
      };
      return context.dockerAvailable === false
        ? [{ name: project.name, reason: context.dockerMissingReason }]
        : [];
    });
    if (missing.length === 0) return "";
    const names = missing.map((project) => project.name).join(", ");
    return ` (Docker-backed tests of ${names} skipped: ${missing[0]?.reason ?? "no Docker engine"})`;
  }
}
