// Whether the REST backend may read and write stored files synchronously, on the event loop. A page-cache read or
// write copies the bytes and returns, well under a millisecond for 256 KiB even on a fresh VM whose host must first
// back the pages, and costs far less CPU than a hand-over to libuv's thread pool and back per call, which would do the
// same copy (measured for uploads in chunk-writer.ts, for downloads in rest-response.ts). But a call that sleeps (a
// read that must wait for a slow disk, dirty-page throttling of a writer, which comes early for a data folder on a
// FUSE mount) would hold up the event loop and every request behind it.
// So calls over SLOW_MS count as blocked, and once they have held the loop for more than BLOCKED_BUDGET_MS within a
// second, all file I/O goes through the thread pool for the next POOL_FOR_MS. A single slow call (the VM's vCPU
// taken away for a moment) is not enough.
const WINDOW_MS = 1000;
const SLOW_MS = 2;
const BLOCKED_BUDGET_MS = 250;
const POOL_FOR_MS = 10_000;

let windowStart = 0;
let blockedInWindow = 0;
let poolUntil = 0;

/** Whether a call starting at `now` (performance.now()) may be synchronous. */
export function syncIoAllowed(now: number): boolean {
  return now >= poolUntil;
}

/** Records how long a synchronous call held the event loop. */
export function noteSyncIo(started: number, finished: number): void {
  if (finished - started <= SLOW_MS) return;
  if (finished - windowStart > WINDOW_MS) {
    windowStart = started;
    blockedInWindow = 0;
  }
  blockedInWindow += finished - started;
  if (blockedInWindow > BLOCKED_BUDGET_MS) poolUntil = finished + POOL_FOR_MS;
}
