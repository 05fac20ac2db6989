// The caller of a server-rendered page: the session cookie read with next/headers and resolved like every request.
// Pages use it to decide where a visitor belongs before anything renders (API keys do not open pages).
import { cookies } from "next/headers";
import { cache } from "react";
import type { AuthContext } from "@/server/auth/auth-context";
import { cookieName, SESSION_COOKIE } from "@/server/auth/cookies";
import { resolveSessionToken } from "@/server/auth/sessions.service";

/** Memoised per request: the layout and the page under it resolve the session once. */
export const getPageAuth = cache(async (): Promise<AuthContext | null> => {
  const store = await cookies();
  return resolveSessionToken(store.get(cookieName(SESSION_COOKIE))?.value);
});
