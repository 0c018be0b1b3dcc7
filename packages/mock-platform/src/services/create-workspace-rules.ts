import { type CreateWorkspaceRequest, PlatformMessages as M } from "@molecule-ctk/contract";
import { errorReply, type HttpReply } from "../http/http-reply.js";
import { EXTERNAL_LIKE_RUNTIMES } from "../state/workspace-record.js";

/** The runtimes the platform knows without a manifest (runtime_registry.go `fallbackRuntimes`). */
export const KNOWN_RUNTIMES: ReadonlySet<string> = new Set([
  "claude-code",
  "hermes",
  "openclaw",
  "codex",
  "mock",
  "external",
  "kimi",
  "kimi-cli",
]);

/** The runtime of a create without one: `external` for an external workspace, else `hermes`. */
export function defaultRuntime(input: CreateWorkspaceRequest): string {
  return input.runtime || (input.external ? "external" : "hermes");
}

const YAML_SPECIAL = /[{}[\]|>*&!]/;
const byteLength = (value: string | undefined) => Buffer.byteLength(value ?? "", "utf8");

/**
 * `validateWorkspaceFields` (workspace_crud.go): no newline or CR in name, role, model or runtime;
 * no YAML-special character in name or role; at most 255, 1000, 100 and 100 bytes.
 */
export function invalidWorkspaceFields(input: CreateWorkspaceRequest): boolean {
  const { name, role, model, runtime } = input;
  if ([name, role, model, runtime].some((value) => /[\n\r]/.test(value ?? ""))) return true;
  if ([name, role].some((value) => YAML_SPECIAL.test(value ?? ""))) return true;
  return (
    byteLength(name) > 255 || byteLength(role) > 1000 || byteLength(model) > 100 || byteLength(runtime) > 100
  );
}

/**
 * The checks of `Create` between binding and insert, in upstream's order: the field rules (400),
 * an external workspace on a container runtime, an unknown runtime (422 `RUNTIME_UNSUPPORTED`), a
 * missing model on a container workspace (422 `MODEL_REQUIRED`). Undefined when the body passes.
 * Templates, the model registry and BYOK credentials are not modelled (the mock platform's README).
 */
export function createWorkspaceRejection(input: CreateWorkspaceRequest): HttpReply | undefined {
  if (invalidWorkspaceFields(input)) return errorReply(400, M.invalidWorkspaceFields);
  const runtime = defaultRuntime(input);
  if (input.external && !EXTERNAL_LIKE_RUNTIMES.has(runtime)) {
    return errorReply(422, M.externalRuntimeRequired, { code: "RUNTIME_UNSUPPORTED", runtime });
  }
  if (!EXTERNAL_LIKE_RUNTIMES.has(runtime) && !KNOWN_RUNTIMES.has(runtime)) {
    return errorReply(422, M.runtimeUnsupported, { code: "RUNTIME_UNSUPPORTED", runtime });
  }
  const external = input.external === true || EXTERNAL_LIKE_RUNTIMES.has(runtime);
  if (!input.model && !external) {
    return errorReply(422, M.modelRequired, {
      code: "MODEL_REQUIRED",
      runtime,
      template: input.template ?? "",
    });
  }
  return undefined;
}
