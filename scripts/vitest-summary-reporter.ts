import type { Reporter, SerializedError, TestModule, TestRunEndReason } from "vitest/node";

/**
 * Prints one plain closing line, `tests: N passed, N failed, N skipped`, that any CI log reader can
 * count without knowing vitest's own summary format. A file that failed to load, and an error
 * outside any test (a global setup or teardown that threw), each count as one failure.
 */
export default class SummaryReporter implements Reporter {
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
    console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
}
