// Where members may point the app's outbound connections (repository endpoints: REST URLs, S3 endpoints, sftp
// hosts, Azure endpoint suffixes). The server would otherwise connect anywhere on their behalf, sending stored
// credentials along: to its own loopback services, a cloud's metadata address (169.254.169.254), or itself. Refused:
// loopback, link-local, unspecified and multicast addresses, and the app itself (this machine's addresses or BASE_URL's
// host, on the app's port or BASE_URL's), unless OUTBOUND_ALLOWED_HOSTS names the host, the address or a CIDR range
// holding it. Private LAN ranges stay allowed: home labs live there. Names are resolved and every address is
// checked; a name that re-resolves differently later (DNS rebinding) is outside what a check at save time can stop.
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { networkInterfaces } from "node:os";
import { getConfig } from "@/server/config";
import { BadRequestError } from "@/server/http/errors";

const REFUSED_RANGES = (
  [
    ["127.0.0.0", 8, "ipv4", "a loopback address"],
    ["::1", 128, "ipv6", "a loopback address"],
    ["169.254.0.0", 16, "ipv4", "a link-local address"],
    ["fe80::", 10, "ipv6", "a link-local address"],
    ["0.0.0.0", 8, "ipv4", "an unspecified address"],
    ["::", 128, "ipv6", "an unspecified address"],
    ["224.0.0.0", 4, "ipv4", "a multicast address"],
    ["255.255.255.255", 32, "ipv4", "a broadcast address"],
    ["ff00::", 8, "ipv6", "a multicast address"],
  ] as const
).map(([network, prefix, type, reason]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return { list, reason };
});

const family = (address: string) => (isIP(address) === 6 ? "ipv6" : "ipv4");
const bare = (host: string) => host.replace(/^\[(.*)\]$/, "$1").toLowerCase();

/** Why `address` may not be reached, or null. */
function refusedRange(address: string): string | null {
  return REFUSED_RANGES.find(({ list }) => list.check(address, family(address)))?.reason ?? null;
}

/** OUTBOUND_ALLOWED_HOSTS entries: host names (exact), addresses, or CIDR ranges (`10.0.0.0/8`, `fd00::/8`). */
function isAllowListed(host: string, addresses: string[]): boolean {
  const entries = getConfig().outboundAllowedHosts.map((entry) => entry.toLowerCase());
  if (entries.includes(host)) return true;
  const ranges = new BlockList();
  for (const entry of entries) {
    const [network, prefix] = entry.split("/");
    const base = bare(network);
    if (!isIP(base)) continue;
    const bits = prefix === undefined ? (isIP(base) === 6 ? 128 : 32) : Number(prefix);
    if (Number.isInteger(bits)) ranges.addSubnet(base, bits, family(base));
  }
  return addresses.length > 0 && addresses.every((address) => ranges.check(address, family(address)));
}

async function addressesOf(host: string): Promise<string[]> {
  if (isIP(host)) return [host];
  try {
    return (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
  } catch {
    return [];
  }
}

/** A URL's port, or its scheme's default. */
export const portOf = (url: URL) => (url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80);

/** Where the app itself answers: its addresses (and BASE_URL's host) and its ports. */
async function appEndpoints(): Promise<{ hosts: Set<string>; ports: Set<number> }> {
  const { baseUrl, port } = getConfig();
  const base = new URL(baseUrl);
  const local = Object.values(networkInterfaces())
    .flat()
    .map((entry) => entry?.address)
    .filter((address): address is string => Boolean(address));
  const baseHost = bare(base.hostname);
  return {
    hosts: new Set([baseHost, ...local, ...(await addressesOf(baseHost))]),
    ports: new Set([port, portOf(base)]),
  };
}

export type OutboundTarget = { host: string; port: number };

/** Throws a 400 naming `field` when members may not make the server connect to `target`. */
export async function assertOutboundAllowed(target: OutboundTarget, field: string): Promise<void> {
  const host = bare(target.host);
  const addresses = await addressesOf(host);
  if (isAllowListed(host, addresses)) return;
  const hint = "an instance admin can allow it with OUTBOUND_ALLOWED_HOSTS";
  if (addresses.length === 0) throw new BadRequestError(`${field}: the host ${host} does not resolve`);
  for (const address of addresses) {
    const reason = refusedRange(address);
    if (reason) throw new BadRequestError(`${field}: ${host} is ${reason}, which members may not use (${hint})`);
  }
  const app = await appEndpoints();
  const targetsApp = app.ports.has(target.port) && [host, ...addresses].some((entry) => app.hosts.has(entry));
  if (targetsApp) throw new BadRequestError(`${field}: ${host} is this Zerobyte server itself (${hint})`);
}
