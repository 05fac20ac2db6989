import type { IncomingMessage } from "node:http";
import { isIPv6 } from "node:net";

/**
 * The caller's address. The front door (front-door.ts) replaces X-Forwarded-For with the one address it derived
 * from the socket and the trusted proxies, so the header holds exactly that here.
 */
export function clientIp(request: Request | IncomingMessage): string {
  const header =
    request.headers instanceof Headers ? request.headers.get("x-forwarded-for") : request.headers["x-forwarded-for"];
  const first = (Array.isArray(header) ? header[0] : header)?.split(",")[0]?.trim();
  return first || "unknown";
}

const withoutMappedPrefix = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");

/**
 * The client behind `trustedProxies` reverse proxies. Each proxy appends the address it was connected from, so the
 * chain (X-Forwarded-For entries, then the socket) is read from the right: the socket is the nearest proxy, and the
 * entry `trustedProxies` hops left of it is the client. Entries further left were written by the client and are
 * never believed. With no trusted proxy the socket address is the client.
 */
export function clientAddressFromChain(
  forwardedFor: string | undefined,
  socketAddress: string | undefined,
  trustedProxies: number,
): string {
  const socket = withoutMappedPrefix(socketAddress ?? "unknown");
  if (trustedProxies === 0) return socket;
  const forwarded = (forwardedFor ?? "")
    .split(",")
    .map((entry) => withoutMappedPrefix(entry.trim()))
    .filter(Boolean);
  const chain = [...forwarded, socket];
  return chain[Math.max(0, chain.length - 1 - trustedProxies)];
}

/**
 * The bucket limits are kept per: an IPv4 address, or an IPv6 /64 (one host usually owns a whole /64, so counting
 * single IPv6 addresses would let it rotate past every limit).
 */
export function addressBucket(address: string): string {
  if (!isIPv6(address)) return address;
  const [head, tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
