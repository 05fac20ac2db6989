// Reused 256 KiB buffers for sending stored files to clients (downloads; uploads are written chunk by chunk as they
// arrive, see chunk-writer.ts). A fresh buffer per read, held until the socket took it, would survive young-generation
// collections; V8 then promotes it and counts its bytes against the old generation, which inside the Next process ran
// a full mark-compact every ~20 MiB of traffic. Reading into a few long-lived buffers allocates nothing per read.

// 256 KiB keeps reads large (Go's rest-server copies in 32 KiB) while the pool stays small: 1 MiB blocks held up to
// 16 MiB for good and raised the server's peak RSS by as much.
export const BLOCK_SIZE = 256 * 1024;
// Enough for restic's default of 5 connections with two blocks each, plus some headroom; beyond it blocks are
// simply dropped for the GC, so a burst never pins memory for good.
const MAX_POOLED = 16;

const holder = globalThis as unknown as { __zerobyteBlockPool?: Buffer[] };
holder.__zerobyteBlockPool ??= [];
const pool = holder.__zerobyteBlockPool;

export function takeBlock(): Buffer {
  return pool.pop() ?? Buffer.allocUnsafeSlow(BLOCK_SIZE);
}

/** Only once nothing (a pending write, a socket) refers to the block any more. */
export function returnBlock(block: Buffer): void {
  if (pool.length < MAX_POOLED) pool.push(block);
}
