import { describe, expect, it } from "vitest";
import { firstTarEntry } from "./docker-access.js";

// A one-file ustar archive, as the engine's archive endpoint returns it.
function tar(name: string, content: string, mode: number, uid: number): Buffer {
  const header = Buffer.alloc(512);
  const field = (at: number, width: number, value: string) => header.write(value, at, width, "latin1");
  field(0, 100, name);
  field(100, 8, `${mode.toString(8).padStart(7, "0")}\0`);
  field(108, 8, `${uid.toString(8).padStart(7, "0")}\0`);
  field(116, 8, "0000000\0");
  field(124, 12, `${Buffer.byteLength(content).toString(8).padStart(11, "0")}\0`);
  const data = Buffer.alloc(Math.ceil(Buffer.byteLength(content) / 512) * 512);
  data.write(content);
  return Buffer.concat([header, data, Buffer.alloc(1024)]);
}

describe("firstTarEntry", () => {
  it("reads the content, mode and owner of the archive's file", () => {
    expect(firstTarEntry(tar(".auth_token", "t".repeat(43), 0o100600, 1000))).toEqual({
      content: "t".repeat(43),
      mode: 0o600,
      uid: 1000,
    });
  });

  it("answers undefined for a truncated archive", () => {
    expect(firstTarEntry(Buffer.alloc(100))).toBeUndefined();
    expect(firstTarEntry(tar("f", "x".repeat(600), 0o644, 0).subarray(0, 700))).toBeUndefined();
  });
});
