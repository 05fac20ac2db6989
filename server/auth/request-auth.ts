import { clientIp } from "@/server/http/client-ip";
import { resolveApiKey } from "./api-keys.service";
import type { AuthContext } from "./auth-context";
import { cookieName, readCookie, SESSION_COOKIE } from "./cookies";
import { limitCredentialCheck } from "./credential-limiter";
import { resolveSessionToken } from "./sessions.service";

/**
 * API key (`x-api-key: zb_…` or `Authorization: Bearer zb_…`) first, then the session cookie. A key that does not
 * resolve counts as a failed credential for the caller's address, so keys cannot be guessed at request speed.
 */
export async function authenticateRequest(request: Request): Promise<AuthContext | null> {
  const ip = clientIp(request);
  const bearer = request.headers.get("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1];
  const key = (request.headers.get("x-api-key") ?? bearer)?.trim();
  let auth: AuthContext | null = null;
  if (key) {
    await limitCredentialCheck({ ip }, async () => {
      auth = await resolveApiKey(key);
      return auth !== null;
    });
  } else {
    auth = await resolveSessionToken(readCookie(request, cookieName(SESSION_COOKIE)));
  }
  return auth ? { ...auth, clientIp: ip } : null;
}
