// Fixed-window rate limit per client address (an IPv6 /64 counts as one), in memory (one process serves the app).
// Off when DISABLE_RATE_LIMITING is set or in development. At most MAX_TRACKED windows are kept: past that, expired
// ones go first, then the oldest, so a flood of fresh addresses cannot grow the map without bound.
import { getConfig } from "@/server/config";
import { addressBucket, clientIp } from "./client-ip";
import { TooManyRequestsError } from "./errors";

export const MAX_TRACKED = 10_000;

type Window = { count: number; resetAt: number };
const holder = globalThis as unknown as { __zerobyteRateLimit?: Map<string, Window> };
const windowsByIp = () => (holder.__zerobyteRateLimit ??= new Map());

function makeRoom(windows: Map<string, Window>, now: number): void {
  if (windows.size < MAX_TRACKED) return;
  for (const [ip, w] of windows) if (w.resetAt <= now) windows.delete(ip);
  // Windows are inserted when they start, so the first entries are the oldest.
  for (const ip of windows.keys()) {
    if (windows.size < MAX_TRACKED) break;
    windows.delete(ip);
  }
}

export function enforceRateLimit(request: Request, now = Date.now()): void {
  const { enabled, max, windowMs } = getConfig().rateLimit;
  if (!enabled) return;
  const windows = windowsByIp();
  const ip = addressBucket(clientIp(request));
  let window = windows.get(ip);
  if (!window || window.resetAt <= now) {
    windows.delete(ip);
    makeRoom(windows, now);
    window = { count: 0, resetAt: now + windowMs };
    windows.set(ip, window);
  }
  window.count += 1;
  if (window.count > max) throw new TooManyRequestsError(Math.ceil((window.resetAt - now) / 1000));
}

/** How many addresses are tracked (tests of the bound). */
export function trackedAddresses(): number {
  return windowsByIp().size;
}
