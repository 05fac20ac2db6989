/**
 * The caller's address. The production server (scripts/start.mjs) sets X-Forwarded-For to the socket address
 * unless TRUST_PROXY=true, in which case the first entry is the client as the trusted proxy reported it.
 */
export function clientIp(request: Request): string {
  const first = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return first || "unknown";
}
