// Chunks are written synchronously in pieces of at most 32 KiB while writes return quickly, and through the thread
// pool once slow writes have blocked the event loop for too long; either way the file ends up byte for byte as sent.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const syncWrites: number[] = [];
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  return {
    ...fs,
    writeSync: (fd: number, buffer: Buffer, offset: number, length: number, position: number) => {
      syncWrites.push(length);
      return fs.writeSync(fd, buffer, offset, length, position);
    },
  };
});

let folder = "";
beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), "zerobyte-chunk-writer-"));
  syncWrites.length = 0;
  vi.resetModules(); // each test starts with writes that have never blocked
});
afterEach(() => vi.restoreAllMocks());

async function writeAll(chunks: Buffer[]) {
  const { ChunkWriter } = await import("./chunk-writer");
  const file = path.join(folder, "out");
  const handle = await open(file, "w");
  const writer = new ChunkWriter(handle);
  const pool = vi.spyOn(handle, "write");
  let waited = 0;
  for (const chunk of chunks) {
    const pending = writer.append(chunk);
    if (pending) {
      waited++;
      await pending;
    }
  }
  await writer.finish();
  await handle.close();
  return { content: readFileSync(file), poolWrites: pool.mock.calls.length, waited };
}

describe("ChunkWriter", () => {
  it("writes each chunk where it arrives, in synchronous writes of at most 32 KiB", async () => {
    const chunks = [randomBytes(65_536), randomBytes(100), randomBytes(40_000), randomBytes(65_536)];
    const { content, poolWrites, waited } = await writeAll(chunks);
    expect(content.equals(Buffer.concat(chunks))).toBe(true);
    expect(poolWrites).toBe(0);
    expect(waited).toBe(0);
    expect(syncWrites).toEqual([32_768, 32_768, 100, 32_768, 7_232, 32_768, 32_768]);
  });

  it("goes through the thread pool, a few writes at a time, once writes have blocked for over 250 ms", async () => {
    // The clock moves 100 ms per reading, so every synchronous write seems to take 100 ms: the third goes over.
    let clock = 0;
    vi.spyOn(performance, "now").mockImplementation(() => (clock += 100));
    const chunks = Array.from({ length: 12 }, () => randomBytes(10_000));
    const { content, poolWrites, waited } = await writeAll(chunks);
    expect(content.equals(Buffer.concat(chunks))).toBe(true);
    expect(syncWrites).toHaveLength(3);
    expect(poolWrites).toBe(9);
    expect(waited).toBe(6); // from the fourth write under way on, each append waits for the oldest
  });

  it("stays synchronous however much time quick writes add up to", async () => {
    // Each write seems to take 1.5 ms (under SLOW_WRITE_MS): 400 of them spend 600 ms of a 1.2 s stretch copying.
    let clock = 0;
    vi.spyOn(performance, "now").mockImplementation(() => (clock += 1.5));
    const chunks = Array.from({ length: 400 }, () => randomBytes(1_000));
    const { content, poolWrites } = await writeAll(chunks);
    expect(content.equals(Buffer.concat(chunks))).toBe(true);
    expect(syncWrites).toHaveLength(400);
    expect(poolWrites).toBe(0);
  });

  it("reports a failed pool write from finish", async () => {
    let clock = 0;
    vi.spyOn(performance, "now").mockImplementation(() => (clock += 200));
    const { ChunkWriter } = await import("./chunk-writer");
    const handle = await open(path.join(folder, "out"), "w");
    const writer = new ChunkWriter(handle);
    writer.append(randomBytes(10)); // blocked 200 ms in all: within the budget
    writer.append(randomBytes(10)); // 400 ms: over it
    vi.spyOn(handle, "write").mockRejectedValue(Object.assign(new Error("no space"), { code: "ENOSPC" }));
    expect(writer.append(randomBytes(10))).toBeUndefined();
    await expect(writer.finish()).rejects.toThrow("no space");
    await handle.close();
  });
});
