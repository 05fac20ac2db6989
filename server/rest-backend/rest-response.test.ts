// Stored files are streamed to the client byte for byte: read synchronously while reads return quickly, through the
// thread pool once slow reads have blocked the event loop for too long (sync-io-budget.ts).
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

let syncReads = 0;
/** A clock that moves only while a synchronous read runs, by `readTakesMs` a read, once a test installs it. */
let clock = 0;
let readTakesMs = 0;
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  return {
    ...fs,
    readSync: (...args: Parameters<typeof fs.readSync>) => {
      syncReads++;
      clock += readTakesMs;
      return fs.readSync(...args);
    },
  };
});

const content = randomBytes(1_200_000); // five 256 KiB blocks, the last one short
let file = "";
let server: Server | undefined;
beforeEach(() => {
  file = path.join(mkdtempSync(path.join(tmpdir(), "zerobyte-rest-response-")), "object");
  writeFileSync(file, content);
  syncReads = 0;
  clock = 0;
  readTakesMs = 0;
  vi.resetModules(); // each test starts with reads that have never blocked
});
afterEach(async () => {
  vi.restoreAllMocks();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** Serves `length` bytes of the file from `start` with sendReply; returns the body and the reads through the pool. */
async function download(start: number, length: number) {
  const { sendReply } = await import("./rest-response");
  const handle = await open(file, "r");
  const poolRead = vi.spyOn(handle, "read");
  server = createServer((request, response) => {
    void sendReply(
      {
        status: 200,
        headers: { "Content-Length": String(length) },
        body: { handle, start, length, onBytes: () => {} },
      },
      request,
      response,
    );
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const body = Buffer.from(await (await fetch(`http://127.0.0.1:${port}/`)).arrayBuffer());
  return { body, poolReads: poolRead.mock.calls.length };
}

describe("sendReply with a stored file", () => {
  it("streams the slice with synchronous reads while they return quickly", async () => {
    const { body, poolReads } = await download(1000, 1_100_000);
    expect(body.equals(content.subarray(1000, 1_101_000))).toBe(true);
    expect(syncReads).toBe(5);
    expect(poolReads).toBe(0);
  });

  it("reads through the thread pool once reads have blocked for over 250 ms", async () => {
    // Every synchronous read takes 100 ms: the third brings the blocked time to 300 ms within a second.
    readTakesMs = 100;
    vi.spyOn(performance, "now").mockImplementation(() => clock);
    const { body, poolReads } = await download(0, content.length);
    expect(body.equals(content)).toBe(true);
    expect(syncReads).toBe(3);
    expect(poolReads).toBe(2);
  });
});
