// Cross-site request forgery: a page on another site can make a browser send a form post (with the user's cookies, or
// to sign in as the attacker). Browsers say where such a request comes from, so a state-changing request is refused
// when its `Origin` (or, lacking that, `Sec-Fetch-Site`, then `Referer`) names another origin. A request with none
// of them does not come from a browser page (curl, restic, scripts) and carries no ambient authority to abuse.
import type { IncomingHttpHeaders } from "node:http";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Whether a request may change state: safe methods always; others only from a trusted origin or from no browser. */
export function isSameOriginRequest(
  method: string | undefined,
  headers: IncomingHttpHeaders,
  trustedOrigins: readonly string[],
): boolean {
  if (SAFE_METHODS.has((method ?? "GET").toUpperCase())) return true;
  const origin = single(headers.origin);
  // "null" is what sandboxed frames and privacy-preserving redirects send: never trusted.
  if (origin !== undefined) return trustedOrigins.includes(origin);
  if (single(headers["sec-fetch-site"]) === "cross-site") return false;
  const referer = single(headers.referer);
  if (referer !== undefined) return trustedOrigins.includes(originOf(referer) ?? "");
  return true;
}
