import { PlatformLabels, platformInstanceLabel } from "@molecule-ctk/contract";
import { DockerProvisionerError } from "./errors.js";

/** The label keys the Docker provisioner sets: upstream's two (contract 8.3) plus the kit's ownership marks. */
export const DockerLabels = {
  ...PlatformLabels,
  owner: "molecule-ctk.owner",
  /** The kit: the random id of the one provisioner instance that created the resource. */
  instanceId: "molecule-ctk.twin",
  workspace: "molecule-ctk.workspace",
} as const;

export const OWNER_LABEL_VALUE = "mock-platform";

const RESERVED_PREFIXES = [
  "molecule.platform.",
  "molecule-ctk.owner",
  "molecule-ctk.twin",
  "molecule-ctk.workspace",
];

export function ownerLabels(instanceId: string): Record<string, string> {
  return { [DockerLabels.owner]: OWNER_LABEL_VALUE, [DockerLabels.instanceId]: instanceId };
}

export function isOwnedBy(
  labels: Readonly<Record<string, string>> | null | undefined,
  instanceId: string,
): boolean {
  return labels?.[DockerLabels.owner] === OWNER_LABEL_VALUE && labels[DockerLabels.instanceId] === instanceId;
}

/** Throws unless caller-given labels leave the provisioner's own keys alone. */
export function assertExtraLabels(labels: Readonly<Record<string, string>>): void {
  for (const key of Object.keys(labels)) {
    if (RESERVED_PREFIXES.some((prefix) => key.startsWith(prefix))) {
      throw new DockerProvisionerError(
        `[mock-platform] label ${JSON.stringify(key)} is reserved for the docker provisioner: ` +
          "pick another key for your run label",
      );
    }
  }
}

/** Every label of a workspace container: caller extras, upstream's two, then the ownership marks. */
export function workspaceContainerLabels(options: {
  workspaceId: string;
  instanceId: string;
  databaseUrl: string | undefined;
  extra: Readonly<Record<string, string>>;
}): Record<string, string> {
  return {
    ...options.extra,
    [DockerLabels.managed]: "true",
    [DockerLabels.instance]: platformInstanceLabel(options.databaseUrl),
    ...ownerLabels(options.instanceId),
    [DockerLabels.workspace]: options.workspaceId,
  };
}
