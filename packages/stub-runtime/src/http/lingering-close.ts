import type { Socket } from "node:net";

const lingering = new WeakSet<Socket>();

/**
 * Closes a connection without cutting off the answer just written: the write side is ended and what
 * the client still sends is read and dropped, for at most `lingerMs` or `budgetBytes`, before the
 * socket is destroyed. Closing at once with unread bytes pending makes the kernel reset the
 * connection, and a client still sending its body may then lose the answer.
 */
export function closeLingering(socket: Socket, lingerMs: number, budgetBytes: number): void {
  if (lingering.has(socket)) return;
  lingering.add(socket);
  if (socket.writable) socket.end();
  let dropped = 0;
  socket.on("data", (chunk: Buffer) => {
    dropped += chunk.byteLength;
    if (dropped > budgetBytes) socket.destroy();
  });
  socket.resume();
  const timer = setTimeout(() => socket.destroy(), lingerMs);
  timer.unref();
  socket.once("close", () => clearTimeout(timer));
}

/** Whether {@link closeLingering} already took this socket. */
export function isLingering(socket: Socket): boolean {
  return lingering.has(socket);
}
