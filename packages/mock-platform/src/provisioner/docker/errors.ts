import { WorkspaceId } from "@molecule-ctk/contract";
import { MockPlatformError } from "../../mock-platform-error.js";

/** Base class of the Docker provisioner's errors, within the package's one family (`MockPlatformError`). */
export class DockerProvisionerError extends MockPlatformError {}

export class InvalidWorkspaceIdError extends DockerProvisionerError {
  constructor(readonly workspaceId: string) {
    super(
      `[mock-platform] workspace id ${JSON.stringify(workspaceId)} is not a UUID: ` +
        "container and volume names are built from the full workspace UUID (KI-013)",
    );
  }
}

export function assertWorkspaceId(workspaceId: string): void {
  if (!WorkspaceId.safeParse(workspaceId).success) throw new InvalidWorkspaceIdError(workspaceId);
}

/** A container named `ws-<id>` exists but this provisioner did not create it; it is left alone. */
export class ForeignContainerError extends DockerProvisionerError {
  constructor(
    readonly containerName: string,
    readonly owner: string | undefined,
  ) {
    super(
      `[mock-platform] container ${containerName} is not owned by this provisioner ` +
        `(owner label: ${owner ?? "none"}): another platform, e2e run or harness uses this name; ` +
        "remove it yourself or use another workspace id",
    );
  }
}

/** The workspace image is not present locally; the provisioner never pulls. */
export class WorkspaceImageMissingError extends DockerProvisionerError {
  constructor(
    readonly image: string,
    hint: string,
  ) {
    super(`[mock-platform] workspace image ${image} is not present locally (nothing is pulled): ${hint}`);
  }
}

/** An image option (isolation token, runtime, sha) that cannot form a valid local tag (contract 8.5). */
export class ImageResolutionError extends DockerProvisionerError {}

/** A tier whose host-level privileges the provisioner refuses without `allowHostTiers` (contract 8.3). */
export class UnsafeTierError extends DockerProvisionerError {
  constructor(
    readonly workspaceId: string,
    readonly tier: number,
  ) {
    super(
      `[mock-platform] workspace ${workspaceId} has tier ${tier}, which needs network=host and ` +
        "/var/run/docker.sock: refused on a shared engine; use tier 2 or 3, or set allowHostTiers",
    );
  }
}

export class WorkspaceContainerMissingError extends DockerProvisionerError {
  constructor(readonly workspaceId: string) {
    super(`[mock-platform] workspace ${workspaceId} has no container ws-${workspaceId}: provision it first`);
  }
}

export class ProvisionerClosedError extends DockerProvisionerError {
  constructor(operation: string) {
    super(`[mock-platform] docker provisioner is closed: cannot ${operation}; create a new one`);
  }
}
