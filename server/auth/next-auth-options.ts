// next-auth 4 is the session mechanism: its JWT is the `zerobyte.session_token` cookie, minted either here (the
// Credentials flow under /api/auth/callback/credentials) or by the JSON sign-in routes with the same claims.
// Every token names a `sessions` row, so revoking the row ends the session wherever the token was minted.
// The Credentials callback checks password and TOTP code through the same services, under the same credential
// limiter, as the JSON routes: it is no way around the failure limits.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getConfig } from "@/server/config";
import { UnauthorizedError } from "@/server/http/errors";
import { cookieName, SESSION_COOKIE } from "./cookies";
import { nextAuthSecret, SESSION_MAX_AGE_SECONDS } from "./session-token";
import { createSession, revokeSession } from "./sessions.service";
import { parseLogin, signInWithPassword } from "./sign-in.service";
import { verifyTotp } from "./two-factor.service";

/** `ip`: the caller's address, for the credential limiter (the options are built per request). */
export function authOptions({ ip }: { ip: string }): NextAuthOptions {
  const secure = getConfig().secureCookies;
  const cookie = (name: string) => ({
    name: cookieName(name),
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  });
  return {
    secret: nextAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login" },
    cookies: {
      sessionToken: cookie(SESSION_COOKIE),
      callbackUrl: cookie("zerobyte.callback_url"),
      csrfToken: cookie("zerobyte.csrf_token"),
    },
    providers: [
      CredentialsProvider({
        name: "Password",
        credentials: {
          login: { label: "Email or username", type: "text" },
          password: { label: "Password", type: "password" },
          code: { label: "Two-factor code", type: "text" },
        },
        async authorize(credentials) {
          // A lock is answered 429 before next-auth runs (next-auth-handler.ts); a wrong password is null here.
          const { user, twoFactorRequired } = await signInWithPassword(
            parseLogin(credentials?.login ?? ""),
            credentials?.password ?? "",
            ip,
          ).catch((error: unknown) => {
            if (error instanceof UnauthorizedError) return { user: null, twoFactorRequired: false };
            throw error;
          });
          if (!user) return null;
          if (twoFactorRequired) {
            const passed = await verifyTotp({ userId: user.id, ip }, credentials?.code ?? "").then(
              () => true,
              () => false,
            );
            if (!passed) return null;
          }
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) token.sid = (await createSession(user.id)).sessionId;
        return token;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await revokeSession(token.sid);
      },
    },
  };
}
