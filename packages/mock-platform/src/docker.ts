// @molecule-ctk/mock-platform/docker: the Docker provisioner (contract 8), kept behind its own subpath
// so that importing the in-process mock platform never loads dockerode.

export type { DockerProvisionRequest } from "./provisioner/docker/docker-provisioner.js";
export { DockerProvisioner } from "./provisioner/docker/docker-provisioner.js";
export {
  DockerProvisionerError,
  ForeignContainerError,
  ImageResolutionError,
  InvalidWorkspaceIdError,
  ProvisionerClosedError,
  UnsafeTierError,
  WorkspaceContainerMissingError,
  WorkspaceImageMissingError,
} from "./provisioner/docker/errors.js";
export type { PortLease } from "./provisioner/docker/host-port-allocator.js";
export { HostPortAllocator } from "./provisioner/docker/host-port-allocator.js";
export type { LocalImageOptions } from "./provisioner/docker/image-resolution.js";
export {
  localImageOptionsFromEnv,
  resolveLocalImage,
  validateImageIsolation,
} from "./provisioner/docker/image-resolution.js";
export type { NetworkRemoval, RemoveNetworkOptions } from "./provisioner/docker/network.js";
export { removeNetwork } from "./provisioner/docker/network.js";
export type { DockerProvisionerOptions } from "./provisioner/docker/options.js";
export { dockerProvisionerOptionsFromEnv } from "./provisioner/docker/options.js";
export { allocateHostPort, hostPorts } from "./provisioner/docker/ports.js";
