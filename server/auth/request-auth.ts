import { resolveApiKey } from "./api-keys.service";
import type { AuthContext } from "./auth-context";
import { cookieName, readCookie, SESSION_COOKIE } from "./cookies";
import { resolveSessionToken } from "./sessions.service";

/** API key (`x-api-key: zb_…` or `Authorization: Bearer zb_…`) first, then the session cookie. */
export async function authenticateRequest(request: Request): Promise<AuthContext | null> {
  const bearer = request.headers.get("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1];
  const key = request.headers.get("x-api-key") ?? bearer;
  if (key) return resolveApiKey(key.trim());
  return resolveSessionToken(readCookie(request, cookieName(SESSION_COOKIE)));
}
