// The root config's closing line; the lifecycle command uses the same reporter.
export { default } from "../packages/e2e/src/support/summary-reporter.js";
