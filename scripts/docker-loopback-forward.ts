// `tsx scripts/docker-loopback-forward.ts [--socket PATH] [--port N]`: gives the local Docker engine a
// second address, tcp://127.0.0.1:<port>, by piping each loopback TCP connection to the engine's unix
// socket, so the suite can be run with DOCKER_HOST set to an address other than the default
// without reconfiguring or restarting dockerd. It listens on 127.0.0.1 only, prints
// `DOCKER_HOST=tcp://127.0.0.1:<port>` once listening, and stops on SIGINT/SIGTERM. Anyone on the
// machine who can reach loopback can drive the engine through it while it runs: use it for a test
// run, never leave it up.
import { connect, createServer, type Socket } from "node:net";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    socket: { type: "string", default: "/var/run/docker.sock" },
    port: { type: "string", default: "0" },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`[docker-forward] --port takes 0-65535 (0: any free port); got ${values.port}`);
  process.exit(2);
}

const open = new Set<Socket>();
const server = createServer((client) => {
  const engine = connect(values.socket);
  for (const socket of [client, engine]) {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
  }
  client.on("error", () => engine.destroy());
  engine.on("error", () => client.destroy());
  client.pipe(engine).pipe(client);
});
server.on("error", (error) => {
  console.error(`[docker-forward] cannot listen on 127.0.0.1:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, "127.0.0.1", () => {
  const { port: bound } = server.address() as { port: number };
  console.log(`DOCKER_HOST=tcp://127.0.0.1:${bound}`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    for (const socket of open) socket.destroy();
    server.close(() => process.exit(0));
  });
}
