/** Base class of the errors of @molecule-ctk/testcontainers. */
export class KitContainerError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The package cannot find or make the build context of one of its images. */
export class ImageContextError extends KitContainerError {}
