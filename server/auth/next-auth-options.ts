// next-auth 4 is the session mechanism: its JWT is the `zerobyte.session_token` cookie, minted either here (the
// Credentials flow under /api/auth/callback/credentials) or by the JSON sign-in routes with the same claims.
// Every token names a `sessions` row, so revoking the row ends the session wherever the token was minted.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getConfig } from "@/server/config";
import { cookieName, SESSION_COOKIE } from "./cookies";
import { nextAuthSecret, SESSION_MAX_AGE_SECONDS } from "./session-token";
import { createSession, revokeSession } from "./sessions.service";
import { signInWithPassword } from "./sign-in.service";
import { verifyTotp } from "./two-factor.service";

export function authOptions(): NextAuthOptions {
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
          const login = credentials?.login?.trim().toLowerCase() ?? "";
          const { user, twoFactorRequired } = await signInWithPassword(
            login.includes("@") ? { email: login } : { username: login },
            credentials?.password ?? "",
          ).catch(() => ({ user: null, twoFactorRequired: false }));
          if (!user) return null;
          if (twoFactorRequired) {
            const passed = await verifyTotp(user.id, credentials?.code ?? "").then(
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
