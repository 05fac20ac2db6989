import { randomUUID } from "node:crypto";
import { and, eq, gt, ne } from "drizzle-orm";
import { database } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { findMembership } from "@/server/organizations/organizations.service";
import type { AuthContext } from "./auth-context";
import { forgetResolvedCredentials, rememberedResolution } from "./credential-cache";
import { mintSessionToken, readSessionToken, SESSION_MAX_AGE_SECONDS } from "./session-token";

export type SessionMeta = { ipAddress?: string | null; userAgent?: string | null };

export async function createSession(userId: string, meta: SessionMeta = {}) {
  const db = await database();
  const membership = await findMembership(userId);
  const sessionId = randomUUID();
  const expiresAt = Date.now() + SESSION_MAX_AGE_SECONDS * 1000;
  await db.insert(sessions).values({
    id: sessionId,
    userId,
    activeOrganizationId: membership?.organizationId ?? null,
    expiresAt,
    ipAddress: meta.ipAddress ?? null,
    userAgent: meta.userAgent ?? null,
  });
  return { sessionId, expiresAt, token: await mintSessionToken({ userId, sessionId }) };
}

/** The caller behind a session cookie, or null when the token is invalid, expired, revoked or the user banned. */
export async function resolveSessionToken(token: string | undefined): Promise<AuthContext | null> {
  if (!token) return null;
  return rememberedResolution(`session:${token}`, () => loadSession(token));
}

async function loadSession(token: string) {
  const claims = await readSessionToken(token);
  if (!claims) return null;
  const db = await database();
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.id, claims.sessionId), eq(sessions.userId, claims.userId), gt(sessions.expiresAt, Date.now())),
    );
  if (!row || row.user.banned) return null;
  const membership = await findMembership(row.user.id, row.session.activeOrganizationId);
  if (!membership) return null;
  // Shared by every request while remembered, so nobody may change it.
  const auth: AuthContext = Object.freeze({
    user: Object.freeze(publicUser(row.user)),
    organizationId: membership.organizationId,
    memberRole: membership.role,
    method: "session",
    sessionId: row.session.id,
    sessionExpiresAt: row.session.expiresAt,
  });
  return { value: auth, validUntil: row.session.expiresAt };
}

export async function revokeSession(sessionId: string): Promise<void> {
  const db = await database();
  await db.delete(sessions).where(eq(sessions.id, sessionId));
  forgetResolvedCredentials();
}

/** Ends every session of a user, or all but one (the caller's own, after a password change). */
export async function revokeUserSessions(userId: string, options: { except?: string } = {}): Promise<void> {
  const db = await database();
  const condition = options.except
    ? and(eq(sessions.userId, userId), ne(sessions.id, options.except))
    : eq(sessions.userId, userId);
  await db.delete(sessions).where(condition);
  forgetResolvedCredentials();
}

export function publicUser(user: typeof users.$inferSelect): AuthContext["user"] {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    name: user.name,
    role: user.role,
    twoFactorEnabled: user.twoFactorEnabled,
    hasDownloadedResticPassword: user.hasDownloadedResticPassword,
  };
}
