import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { PlatformApiClient, PlatformRequestError, PlatformUnreachableError } from "./platform-api-client.js";

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(handler: Handler): Promise<PlatformApiClient> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => handler(req, body, res));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return new PlatformApiClient({ baseUrl: `http://127.0.0.1:${port}/`, adminToken: "admin" });
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

describe("PlatformApiClient", () => {
  it("returns registry answers raw, with the bearer only when given", async () => {
    const seen: Array<string | undefined> = [];
    const client = await serve((req, _body, res) => {
      seen.push(req.headers.authorization);
      json(res, 401, { error: "missing workspace auth token" });
    });
    const bootstrap = await client.register({ id: "x" });
    await client.heartbeat({ workspace_id: "x" }, { token: "tok" });
    expect(bootstrap).toMatchObject({ status: 401, body: { error: "missing workspace auth token" } });
    expect(seen).toEqual([undefined, "Bearer tok"]);
  });

  it("throws PlatformRequestError naming the call when a typed call gets another status", async () => {
    const client = await serve((_req, _body, res) => json(res, 500, { error: "boom" }));
    const failure = client.mintToken("00000000-0000-0000-0000-000000000001");
    await expect(failure).rejects.toBeInstanceOf(PlatformRequestError);
    await expect(failure).rejects.toThrow(/POST \/admin\/workspaces\/.*\/tokens answered 500: .*boom/);
  });

  it("approves a gated delete and sends it once more, reporting the first status", async () => {
    const calls: string[] = [];
    let gated = true;
    const client = await serve((req, body, res) => {
      calls.push(`${req.method} ${req.url} ${body}`);
      if (req.method === "POST") return json(res, 200, { status: "approved", approval_id: "a1" });
      if (gated) {
        gated = false;
        return json(res, 202, { status: "pending_approval", approval_id: "a1", action: "x", reason: "y" });
      }
      json(res, 200, { status: "removed", cascade_deleted: 0 });
    });
    const id = "00000000-0000-0000-0000-000000000002";
    expect(await client.deleteWorkspace(id, "name")).toEqual({ firstStatus: 202 });
    expect(calls).toEqual([
      `DELETE /workspaces/${id}?confirm=true `,
      `POST /workspaces/${id}/approvals/a1/decide {"decision":"approved","decided_by":"molecule-ctk"}`,
      `DELETE /workspaces/${id}?confirm=true `,
    ]);
  });

  it("throws PlatformUnreachableError when nothing answers", async () => {
    const client = await serve(() => {});
    const silent = new PlatformApiClient({ baseUrl: client.baseUrl, timeoutMs: 50 });
    const failure = silent.request("GET", "/x");
    await expect(failure).rejects.toBeInstanceOf(PlatformUnreachableError);
    await expect(failure).rejects.toThrow(/GET .*\/x: no answer within 50 ms/);
  });
});
