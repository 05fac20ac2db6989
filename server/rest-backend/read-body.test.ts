import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readBody } from "./read-body";

const pieces = (count: number) => Array.from({ length: count }, (_, i) => Buffer.from(`piece ${i};`));

describe("readBody", () => {
  it("hands over every chunk in order and resolves at the end of the body", async () => {
    const seen: string[] = [];
    await readBody(Readable.from(pieces(5)), (chunk) => {
      seen.push(chunk.toString());
      return undefined;
    });
    expect(seen.join("")).toBe("piece 0;piece 1;piece 2;piece 3;piece 4;");
  });

  it("hands over no further chunk while a returned promise is pending", async () => {
    const seen: string[] = [];
    let release: () => void = () => undefined;
    const done = readBody(Readable.from(pieces(3)), (chunk) => {
      seen.push(chunk.toString());
      if (seen.length > 1) return undefined;
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual(["piece 0;"]);
    release();
    await done;
    expect(seen).toHaveLength(3);
  });

  it("rejects with the callback's error and hands over nothing after it", async () => {
    const seen: string[] = [];
    const done = readBody(Readable.from(pieces(4)), (chunk) => {
      seen.push(chunk.toString());
      if (seen.length === 2) throw Object.assign(new Error("no space"), { code: "ENOSPC" });
      return undefined;
    });
    await expect(done).rejects.toMatchObject({ code: "ENOSPC" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toHaveLength(2);
  });

  it("rejects with a failed write's error", async () => {
    const done = readBody(Readable.from(pieces(2)), () => Promise.reject(new Error("EIO")));
    await expect(done).rejects.toThrow("EIO");
  });

  it("rejects when the client goes away before the body ended", async () => {
    const body = new PassThrough();
    const done = readBody(body, () => undefined);
    body.write("part of a body");
    body.destroy();
    await expect(done).rejects.toMatchObject({ code: "ERR_STREAM_PREMATURE_CLOSE" });
  });

  it("rejects with the stream's error (a reset connection)", async () => {
    const body = new PassThrough();
    const done = readBody(body, () => undefined);
    body.destroy(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
    await expect(done).rejects.toMatchObject({ code: "ECONNRESET" });
  });
});
