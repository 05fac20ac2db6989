// The session cookie is a next-auth JWT (so next-auth's own routes and getServerSession read it) that names a row
// in `sessions`; the row is what makes a session revocable.
import { hkdfSync } from "node:crypto";
import { decode, encode } from "next-auth/jwt";
import { getConfig } from "@/server/config";

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;
export const TWO_FACTOR_MAX_AGE_SECONDS = 10 * 60;

const holder = globalThis as unknown as { __zerobyteNextAuthSecret?: { appSecret: string; derived: string } };

/** Derived once per APP_SECRET (it was derived again for every request that read a cookie). */
export function nextAuthSecret(): string {
  const { appSecret } = getConfig();
  if (holder.__zerobyteNextAuthSecret?.appSecret !== appSecret) {
    const derived = Buffer.from(hkdfSync("sha256", appSecret, "", "zerobyte-next-auth", 32)).toString("hex");
    holder.__zerobyteNextAuthSecret = { appSecret, derived };
  }
  return holder.__zerobyteNextAuthSecret.derived;
}

export type SessionClaims = { userId: string; sessionId: string };

export function mintSessionToken(claims: SessionClaims): Promise<string> {
  return encode({
    token: { sub: claims.userId, sid: claims.sessionId },
    secret: nextAuthSecret(),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

export async function readSessionToken(token: string | undefined): Promise<SessionClaims | null> {
  if (!token) return null;
  const payload = await decode({ token, secret: nextAuthSecret() }).catch(() => null);
  if (!payload?.sub || typeof payload.sid !== "string" || payload.purpose) return null;
  return { userId: payload.sub, sessionId: payload.sid };
}

/** Proof that the password step of a two-factor sign-in passed; only good for the second step. */
export function mintTwoFactorToken(userId: string): Promise<string> {
  return encode({
    token: { sub: userId, purpose: "two-factor" },
    secret: nextAuthSecret(),
    maxAge: TWO_FACTOR_MAX_AGE_SECONDS,
  });
}

export async function readTwoFactorToken(token: string | undefined): Promise<string | null> {
  if (!token) return null;
  const payload = await decode({ token, secret: nextAuthSecret() }).catch(() => null);
  return payload?.sub && payload.purpose === "two-factor" ? payload.sub : null;
}
