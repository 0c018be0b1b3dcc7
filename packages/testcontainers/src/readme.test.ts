// The README's code, run as written (its block sits verbatim between the "README" comments), then
// what it promises of images: this session's own, labelled with it. The last test fails when a
// block of the README appears in no test.
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { STUB_REPLY_TEXT } from "@molecule-ctk/contract";
import { MockPlatformContainer, StubRuntimeContainer } from "@molecule-ctk/testcontainers";
import Dockerode from "dockerode";
import { Network } from "testcontainers";
import { describe, expect, inject, it } from "vitest";
import { untestedBlocks } from "../../../scripts/readme-snippets.js";
import { sessionImageTag } from "./kit-images/kit-image.js";
import { SESSION_LABEL, sessionId } from "./session.js";

const docker = new Dockerode();

describe.skipIf(!inject("dockerAvailable"))("the README", () => {
  it("starts a stub runtime against a mock platform, both from the shipped bundles, and gets STUB OK", async () => {
    // README: containers (after its imports)
    const network = await new Network().start();
    const platform = await new MockPlatformContainer()
      .withDeployMode("saas") // the stub registers its container address, which only SaaS mode accepts
      .withNetwork(network)
      .withNetworkAliases("platform")
      .start();
    const workspaceId = randomUUID();
    const stub = await new StubRuntimeContainer()
      .withWorkspaceId(workspaceId)
      .withPlatformUrl("http://platform:8080")
      .withRegisterUrl("http://stub:8000")
      .withNetwork(network)
      .withNetworkAliases("stub")
      .start();

    await platform.waitForStatus(workspaceId, "online");
    const reply = await platform.client().a2a(
      workspaceId,
      {
        method: "message/send",
        params: { message: { role: "user", parts: [{ kind: "text", text: "ping" }] } },
      },
      { token: platform.getAdminToken() },
    );
    // reply.status is 200 and reply.text holds "STUB OK"

    await stub.stop();
    await platform.stop();
    await network.stop();
    // README end
    expect(reply.status).toBe(200);
    expect(reply.text).toContain(STUB_REPLY_TEXT);
  });

  it("builds images of this session only, labelled with it, for the session reaper to remove", async () => {
    for (const name of ["stub-runtime", "mock-platform"] as const) {
      const image = await docker.getImage(sessionImageTag(name)).inspect();
      expect(image.Config.Labels?.[SESSION_LABEL]).toBe(sessionId());
      expect(image.RepoTags).toEqual([sessionImageTag(name)]);
    }
  });
});

describe("the README's code", () => {
  it("appears, every block of it, in a test", () => {
    const readme = fileURLToPath(new URL("../README.md", import.meta.url));
    expect(untestedBlocks(readme, [fileURLToPath(import.meta.url)])).toEqual([]);
  });
});
