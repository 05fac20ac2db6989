// Fixed-window rate limit per client IP, in memory (one process serves the app). Off when DISABLE_RATE_LIMITING
// is set or in development.
import { getConfig } from "@/server/config";
import { clientIp } from "./client-ip";
import { TooManyRequestsError } from "./errors";

type Window = { count: number; resetAt: number };
const holder = globalThis as unknown as { __zerobyteRateLimit?: Map<string, Window> };
const windowsByIp = () => (holder.__zerobyteRateLimit ??= new Map());

export function enforceRateLimit(request: Request, now = Date.now()): void {
  const { enabled, max, windowMs } = getConfig().rateLimit;
  if (!enabled) return;
  const windows = windowsByIp();
  if (windows.size > 10_000) for (const [ip, w] of windows) if (w.resetAt <= now) windows.delete(ip);
  const ip = clientIp(request);
  let window = windows.get(ip);
  if (!window || window.resetAt <= now) {
    window = { count: 0, resetAt: now + windowMs };
    windows.set(ip, window);
  }
  window.count += 1;
  if (window.count > max) throw new TooManyRequestsError(Math.ceil((window.resetAt - now) / 1000));
}
