import { describe, expect, it } from "vitest";
import { jsonReply, readBodyWithin } from "./stub-exchange.js";

function streamOf(chunks: number, chunkBytes: number) {
  let pulled = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled === chunks) return controller.close();
        pulled++;
        controller.enqueue(new Uint8Array(chunkBytes).fill(97));
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled, cancelled: () => cancelled };
}

describe("readBodyWithin", () => {
  it("refuses a declared Content-Length over the limit without reading the body", async () => {
    const body = streamOf(10, 100);
    const request = new Request("http://stub.test/", {
      method: "POST",
      body: body.stream,
      headers: { "content-length": "2000" },
      duplex: "half",
    });
    expect(await readBodyWithin(request, 1000)).toEqual({ kind: "too-large" });
    expect(body.pulled()).toBe(0);
  });

  it("stops reading a chunked body as soon as it passes the limit", async () => {
    const body = streamOf(100, 100);
    const request = new Request("http://stub.test/", { method: "POST", body: body.stream, duplex: "half" });
    expect(await readBodyWithin(request, 1000)).toEqual({ kind: "too-large" });
    expect(body.pulled()).toBeLessThan(15);
    expect(body.cancelled()).toBe(true);
  });

  it("reads a body of exactly the limit", async () => {
    const request = new Request("http://stub.test/", { method: "POST", body: "x".repeat(1000) });
    expect(await readBodyWithin(request, 1000)).toEqual({ kind: "text", text: "x".repeat(1000) });
  });

  it("reports a body that is not UTF-8", async () => {
    const request = new Request("http://stub.test/", {
      method: "POST",
      body: new Uint8Array([0xff, 0xfe, 0x22]),
    });
    expect(await readBodyWithin(request, 1000)).toEqual({ kind: "not-utf8" });
  });
});

describe("jsonReply", () => {
  it("counts Content-Length in bytes, not characters", () => {
    const reply = jsonReply(200, { text: "héllo — ✓" });
    expect(Number(reply.headers["content-length"])).toBe(reply.body.byteLength);
    expect(reply.body.byteLength).toBeGreaterThan(JSON.stringify({ text: "héllo — ✓" }).length);
    expect(JSON.parse(reply.body.toString("utf8"))).toEqual({ text: "héllo — ✓" });
  });
});
