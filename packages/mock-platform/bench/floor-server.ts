// One bare node:http server of the mock-platform bench, in a process of its own so that its garbage
// collector and event loop are not shared with the load generator or the server it is compared with.
// `floor-server.ts agent` answers every request with a stub agent's message/send result;
// `floor-server.ts heartbeat` with a heartbeat's answer; `floor-server.ts forwarder <url>` is the
// proxy's floor: it forwards each POST body to <url> over a keep-alive agent and pipes the answer
// back, with no auth, lookup, validation or wrapping. Each prints `listening on <url>` once ready,
// listens on 127.0.0.1 only, and exits when its parent closes its stdin.
import { Agent, createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { STUB_REPLY_TEXT } from "@molecule-ctk/contract";

const AGENT_REPLY = JSON.stringify({
  jsonrpc: "2.0",
  id: "x",
  result: {
    kind: "message",
    role: "agent",
    parts: [{ kind: "text", text: STUB_REPLY_TEXT }],
    messageId: "m",
  },
});
const HEARTBEAT_REPLY = JSON.stringify({ status: "ok", generation: 0 });

function answering(body: string): Server {
  return createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(body));
  });
}

function forwarding(upstream: string): Server {
  const { hostname, port } = new URL(upstream);
  const agent = new Agent({ keepAlive: true });
  return createServer((req, res) => {
    const forward = request(
      {
        host: hostname,
        port,
        method: "POST",
        path: "/",
        agent,
        headers: { "content-type": "application/json" },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { "content-type": "application/json" });
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.writeHead(502).end());
    req.pipe(forward);
  });
}

const [role, upstream] = process.argv.slice(2);
const server =
  role === "agent"
    ? answering(AGENT_REPLY)
    : role === "heartbeat"
      ? answering(HEARTBEAT_REPLY)
      : role === "forwarder" && upstream
        ? forwarding(upstream)
        : undefined;
if (!server) {
  console.error("usage: floor-server.ts agent | heartbeat | forwarder <upstream url>");
  process.exit(2);
}
server.listen(0, "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
