// Imported by the package entry for its effect: before the importer's first testcontainers call (a
// Network, a GenericContainer of its own), testcontainers is set up not to pull what this engine
// may not have. One check per process; an engine that does not answer changes nothing it needs.
import { createDockerClient } from "@molecule-ctk/image-builder";
import { prepareTestcontainersEnvironment } from "./testcontainers-environment.js";

await prepareTestcontainersEnvironment(createDockerClient());
