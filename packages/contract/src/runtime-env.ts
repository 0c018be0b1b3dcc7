import { z } from "zod";
import { ContractError } from "./contract-error.js";
import { contractErrorMap } from "./parse.js";
import { HttpUrl, WorkspaceId } from "./primitives.js";

/**
 * The environment a workspace runtime reads (contract 8.1 and 10.2). Only WORKSPACE_ID and one of
 * PLATFORM_URL / MOLECULE_URL are required; empty values count as unset, as in the reference stub.
 */
export const RuntimeEnv = z
  .object({
    WORKSPACE_ID: WorkspaceId.describe("the workspace UUID the platform assigned"),
    PLATFORM_URL: HttpUrl.optional().describe("the platform's base URL"),
    MOLECULE_URL: HttpUrl.optional().describe("fallback for PLATFORM_URL"),
    WORKSPACE_CONFIG_PATH: z
      .string()
      .regex(/^\//, { error: "must be an absolute path" })
      .optional()
      .describe("the config volume mount; default /configs"),
    MOLECULE_WORKSPACE_URL: HttpUrl.optional().describe(
      "the host-mapped URL the provisioner pre-allocated (#2851)",
    ),
    STUB_REGISTER_URL: HttpUrl.optional().describe("overrides the url sent to register"),
    MOLECULE_DECLARED_PLUGINS: z.string().optional().describe("comma-separated plugin sources"),
    HOSTNAME: z.string().optional().describe("logging only"),
  })
  .refine((env) => env.PLATFORM_URL !== undefined || env.MOLECULE_URL !== undefined, {
    path: ["PLATFORM_URL"],
    error: "is required (the platform's base URL; MOLECULE_URL is the fallback)",
    // Report a missing platform URL even when other variables are invalid too: one error lists all.
    when: (payload) =>
      !payload.issues.some((issue) => /^(PLATFORM|MOLECULE)_URL$/.test(String(issue.path?.[0]))),
  })
  .describe("The environment a workspace runtime reads (contract 8.1, 10.2).")
  .transform((env) => {
    const configPath = trimTrailingSlashes(env.WORKSPACE_CONFIG_PATH ?? "/configs") || "/";
    return {
      workspaceId: env.WORKSPACE_ID,
      platformUrl: trimTrailingSlashes((env.PLATFORM_URL ?? env.MOLECULE_URL) as string),
      configPath,
      tokenFile: `${configPath === "/" ? "" : configPath}/.auth_token`,
      workspaceUrl: env.MOLECULE_WORKSPACE_URL,
      registerUrlOverride: env.STUB_REGISTER_URL,
      declaredPlugins: splitList(env.MOLECULE_DECLARED_PLUGINS),
      hostname: env.HOSTNAME,
    };
  });
export type RuntimeEnv = z.input<typeof RuntimeEnv>;

export type RuntimeConfig = z.output<typeof RuntimeEnv>;

/** The environment is incomplete or invalid; `problems` lists every variable at fault. */
export class RuntimeEnvError extends ContractError {
  readonly problems: ReadonlyArray<{ variable: string; problem: string }>;

  constructor(problems: ReadonlyArray<{ variable: string; problem: string }>) {
    super(
      `[contract] invalid runtime environment:\n${problems.map((p) => `  - ${p.variable}: ${p.problem}`).join("\n")}`,
    );
    this.problems = problems;
  }
}

const HINTS: Record<string, string> = {
  WORKSPACE_ID: "the workspace UUID the platform assigned",
};

/**
 * Reads the runtime's configuration from an environment (default `process.env`), or throws ONE
 * {@link RuntimeEnvError} listing every missing or invalid variable.
 */
export function parseRuntimeEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): RuntimeConfig {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(RuntimeEnv.in.shape)) {
    const value = env[key]?.trim();
    if (value) cleaned[key] = value;
  }
  const result = RuntimeEnv.safeParse(cleaned, { error: contractErrorMap });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? "(environment)");
    const hint = HINTS[variable];
    return {
      variable,
      problem: hint && issue.message.startsWith("is required") ? `${issue.message} (${hint})` : issue.message,
    };
  });
  throw new RuntimeEnvError(problems);
}

/**
 * The `url` a runtime registers with: STUB_REGISTER_URL, else MOLECULE_WORKSPACE_URL (#2851), else
 * `http://localhost:<port>` (contract 10.2).
 */
export function resolveRegisterUrl(config: RuntimeConfig, listenPort = 8000): string {
  return config.registerUrlOverride ?? config.workspaceUrl ?? `http://localhost:${listenPort}`;
}

function trimTrailingSlashes(value: string): string {
  return value.replace(/\/+$/, "");
}

function splitList(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}
