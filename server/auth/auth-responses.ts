// Answers of the sign-in family that also set or clear cookies.

import { clientIp } from "@/server/http/client-ip";
import { jsonResponse } from "@/server/http/error-response";
import { cookieName, SESSION_COOKIE, serializeCookie, TWO_FACTOR_COOKIE } from "./cookies";
import { mintTwoFactorToken, SESSION_MAX_AGE_SECONDS, TWO_FACTOR_MAX_AGE_SECONDS } from "./session-token";
import { createSession } from "./sessions.service";

function withCookies(response: Response, cookies: string[]): Response {
  for (const cookie of cookies) response.headers.append("set-cookie", cookie);
  return response;
}

/** Starts a session for the user and answers `body` with the session cookie set (and any 2FA cookie cleared). */
export async function respondWithNewSession(request: Request, userId: string, body: unknown): Promise<Response> {
  const { token } = await createSession(userId, {
    ipAddress: clientIp(request),
    userAgent: request.headers.get("user-agent"),
  });
  return withCookies(jsonResponse(body), [
    serializeCookie(cookieName(SESSION_COOKIE), token, SESSION_MAX_AGE_SECONDS),
    serializeCookie(cookieName(TWO_FACTOR_COOKIE), "", 0),
  ]);
}

export async function respondTwoFactorRequired(userId: string): Promise<Response> {
  const token = await mintTwoFactorToken(userId);
  return withCookies(jsonResponse({ twoFactorRedirect: true }), [
    serializeCookie(cookieName(TWO_FACTOR_COOKIE), token, TWO_FACTOR_MAX_AGE_SECONDS),
  ]);
}

export function respondSignedOut(): Response {
  return withCookies(jsonResponse({ success: true }), [serializeCookie(cookieName(SESSION_COOKIE), "", 0)]);
}
