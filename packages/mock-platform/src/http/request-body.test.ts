import { describe, expect, it } from "vitest";
import { readBodyCapped, readStreamCapped } from "./request-body.js";

describe("readStreamCapped", () => {
  const stream = (bytes: number) => new Blob([new Uint8Array(bytes)]).stream();

  it("reads a body at the cap", async () => {
    expect(await readStreamCapped(stream(1024), 1024)).toMatchObject({ tooLarge: false });
  });

  it("stops one byte past the cap", async () => {
    expect(await readStreamCapped(stream(1025), 1024)).toEqual({ tooLarge: true });
  });
});

describe("readBodyCapped", () => {
  it("refuses a declared Content-Length over the cap without reading the body", async () => {
    let pulled = false;
    const body = new ReadableStream(
      {
        pull() {
          pulled = true;
        },
      },
      { highWaterMark: 0 },
    );
    const request = new Request("http://x.test/", {
      method: "POST",
      body,
      headers: { "content-length": String(256 * 1024 * 1024) },
      duplex: "half",
    } as RequestInit);
    expect(await readBodyCapped(request, 1024)).toEqual({ tooLarge: true });
    expect(pulled).toBe(false);
  });
});
