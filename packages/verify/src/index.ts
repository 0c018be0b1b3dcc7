// @molecule-ctk/verify owns conformance verification: checks of a runtime or a platform against the
// contract, graded MUST/SHOULD/MAY, reported as a terminal table, report.json, junit.xml and report.md.

export { runVerifyCommand, VERIFY_USAGE } from "./cli/verify-command.js";
export type { CheckOutcome, PlatformCheck } from "./platform/platform-check.js";
export { PLATFORM_CHECKS } from "./platform/platform-checks.js";
export type { PlatformVerifyOptions } from "./platform/platform-options.js";
export { PLATFORM_USAGE, parsePlatformArgs } from "./platform/platform-options.js";
export type { VerifyPlatformIo } from "./platform/verify-platform.js";
export { verifyPlatform } from "./platform/verify-platform.js";
export type { CheckLevel, CheckResult, CheckStatus } from "./report/check-result.js";
export { atOrAbove, CHECK_LEVELS } from "./report/check-result.js";
export { formatTable } from "./report/format-table.js";
export type { ReportVerdict, VerifyReport } from "./report/verify-report.js";
export { exitCode, summarize, verdict } from "./report/verify-report.js";
export { toJUnit, toMarkdown, writeReport } from "./report/write-report.js";
export type { RuntimeCheck, RuntimeCheckId } from "./runtime/checks/runtime-checks.js";
export { RUNTIME_CHECKS } from "./runtime/checks/runtime-checks.js";
export type { RuntimeRunOptions, RuntimeVerifyReport } from "./runtime/verify-runtime.js";
export { verifyRuntime } from "./runtime/verify-runtime.js";
export { VerifyError } from "./verify-error.js";
