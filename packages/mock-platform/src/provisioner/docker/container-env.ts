export interface ContainerEnvInput {
  workspaceId: string;
  tier: number;
  /** The platform URL, injected as both PLATFORM_URL and MOLECULE_URL. */
  platformUrl: string;
  /** `http://<advertise host>:<pre-allocated port>` (#2851). */
  workspaceUrl: string;
  model?: string | undefined;
  declaredPlugins: ReadonlyArray<string>;
  /** Workspace secrets: they override global ones, and may carry GH_TOKEN/GITHUB_TOKEN explicitly. */
  secrets: Readonly<Record<string, string>>;
  /** Platform-wide secrets: added first, with every token of the strip list removed. */
  globalSecrets?: Readonly<Record<string, string>> | undefined;
}

// Never handed to a workspace container (contract 8.1 "Stripped").
const PLATFORM_TOKENS = /^(ADMIN_TOKEN|MOLECULE_ADMIN_TOKEN|CP_[A-Z0-9_]*TOKEN)$/;
const FORGE_TOKENS = /^(GITEA_TOKEN|GITHUB_TOKEN|GH_TOKEN|GITLAB_TOKEN|GL_TOKEN|BITBUCKET_TOKEN)$/;
const EXPLICIT_GITHUB_TOKENS = new Set(["GH_TOKEN", "GITHUB_TOKEN"]);

/** Whether a secret of this name is withheld from the container (`explicit`: it is a workspace secret). */
export function isStrippedSecret(key: string, explicit: boolean): boolean {
  if (PLATFORM_TOKENS.test(key)) return true;
  if (FORGE_TOKENS.test(key)) return !(explicit && EXPLICIT_GITHUB_TOKENS.has(key));
  return false;
}

/**
 * The container env as `KEY=value` lines (contract 8.1): the platform's fixed variables, the model,
 * MOLECULE_DECLARED_PLUGINS, then the secrets (global, then workspace; a later value replaces an
 * earlier one). GH_PAT fills GH_TOKEN and GITHUB_TOKEN unless the workspace sets them; a HOSTNAME
 * secret replaces Docker's short-id HOSTNAME.
 */
export function buildContainerEnv(input: ContainerEnvInput): string[] {
  const env = new Map<string, string>([
    ["WORKSPACE_ID", input.workspaceId],
    ["WORKSPACE_CONFIG_PATH", "/configs"],
    ["TIER", String(input.tier)],
    ["PLATFORM_URL", input.platformUrl],
    ["MOLECULE_URL", input.platformUrl],
    ["PLUGINS_DIR", "/plugins"],
    ["PYTHONPATH", "/app"],
    ["MOLECULE_WORKSPACE_URL", input.workspaceUrl],
  ]);
  if (input.model !== undefined && input.model !== "") {
    env.set("MODEL", input.model);
    env.set("MOLECULE_MODEL", input.model);
  }
  env.set("MOLECULE_DECLARED_PLUGINS", input.declaredPlugins.join(","));
  for (const [key, value] of Object.entries(input.globalSecrets ?? {})) {
    if (!isStrippedSecret(key, false)) env.set(key, value);
  }
  for (const [key, value] of Object.entries(input.secrets)) {
    if (!isStrippedSecret(key, true)) env.set(key, value);
  }
  const pat = input.secrets["GH_PAT"] ?? input.globalSecrets?.["GH_PAT"];
  if (pat !== undefined) {
    for (const alias of EXPLICIT_GITHUB_TOKENS) {
      if (input.secrets[alias] === undefined) env.set(alias, pat);
    }
  }
  return [...env].map(([key, value]) => `${key}=${value}`);
}
