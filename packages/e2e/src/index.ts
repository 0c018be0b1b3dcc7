// @molecule-ctk/e2e owns the lifecycle suite: the bash harness's steps and what it never checks, on
// real containers, against the embedded mock platform or a running platform by URL. It ships its
// tests built, so `molecule-ctk lifecycle` runs them from an install; and the clean-up of its runs.

export type { CommandIo } from "./clean-command.js";
export { cleanUsage, runCleanCommand } from "./clean-command.js";
export { lifecycleUsage, runLifecycleCommand } from "./lifecycle-command.js";
