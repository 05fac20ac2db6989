import { getConfig } from "@/server/config";

/**
 * The caller's address. Next's server appends the socket address to X-Forwarded-For, so the last entry is the
 * peer we can vouch for; only behind a trusted proxy (TRUST_PROXY=true) is the first entry the real client.
 */
export function clientIp(request: Request): string {
  const entries = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return request.headers.get("x-real-ip") ?? "unknown";
  return getConfig().trustProxy ? entries[0] : entries[entries.length - 1];
}
