import { getConfig } from "@/server/config";

/** `__Secure-` prefixed when the app is served over https, as browsers require for Secure cookies. */
export function cookieName(base: string): string {
  return getConfig().secureCookies ? `__Secure-${base}` : base;
}

export const SESSION_COOKIE = "zerobyte.session_token";
export const TWO_FACTOR_COOKIE = "zerobyte.two_factor";

export function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

/** A Set-Cookie value: HttpOnly, SameSite=Lax, Secure under https. `maxAgeSeconds = 0` deletes the cookie. */
export function serializeCookie(name: string, value: string, maxAgeSeconds: number): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAgeSeconds}`,
  ];
  if (getConfig().secureCookies) parts.push("Secure");
  return parts.join("; ");
}
