import { A2A_ENVELOPE_CHECKS } from "./checks/a2a-envelope-checks.js";
import { A2A_ROUTING_CHECKS } from "./checks/a2a-routing-checks.js";
import { ERROR_BODY_CHECKS } from "./checks/error-body-checks.js";
import { PROVISIONING_CHECKS } from "./checks/provisioning-checks.js";
import { REGISTER_CHECKS } from "./checks/register-checks.js";
import { STATUS_CHECKS } from "./checks/status-checks.js";
import { TOKEN_CHECKS } from "./checks/token-checks.js";
import { UPSERT_GUARD_CHECKS } from "./checks/upsert-guard-checks.js";
import { URL_SAFETY_CHECKS } from "./checks/url-safety-checks.js";
import { WORKSPACE_API_CHECKS } from "./checks/workspace-api-checks.js";
import type { PlatformCheck } from "./platform-check.js";

/** Every check of `verify platform`, in report order (the token cap runs before the bodies that read it). */
export const PLATFORM_CHECKS: ReadonlyArray<PlatformCheck> = [
  ...REGISTER_CHECKS,
  ...UPSERT_GUARD_CHECKS,
  ...TOKEN_CHECKS,
  ...STATUS_CHECKS,
  ...URL_SAFETY_CHECKS,
  ...A2A_ROUTING_CHECKS,
  ...A2A_ENVELOPE_CHECKS,
  ...WORKSPACE_API_CHECKS,
  ...ERROR_BODY_CHECKS,
  ...PROVISIONING_CHECKS,
];
