import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, count, desc, eq, gt, isNull, or } from "drizzle-orm";
import { database } from "@/db/client";
import { apiKeys, users } from "@/db/schema";
import { recordAudit } from "@/server/audit/audit.service";
import { ConflictError, NotFoundError } from "@/server/http/errors";
import { findMembership } from "@/server/organizations/organizations.service";
import type { AuthContext } from "./auth-context";
import { forgetResolvedCredentials, rememberedResolution } from "./credential-cache";
import { publicUser } from "./sessions.service";
import { requireUserPassword } from "./users.service";

export const API_KEY_PREFIX = "zb_";
export const API_KEY_LIMIT = 50;
const LAST_REQUEST_RESOLUTION_MS = 60_000;

const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toDto(row: typeof apiKeys.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    start: row.start,
    createdAt: iso(row.createdAt)!,
    expiresAt: iso(row.expiresAt),
    lastRequestAt: iso(row.lastRequestAt),
  };
}

const active = (now: number) => or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now));

export async function listApiKeys(auth: AuthContext) {
  const db = await database();
  const rows = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, auth.user.id), eq(apiKeys.organizationId, auth.organizationId), active(Date.now())))
    .orderBy(desc(apiKeys.createdAt));
  return { apiKeys: rows.map(toDto), limit: API_KEY_LIMIT };
}

/** Creates a key bound to the caller and their organization. The key is returned once; only its hash is kept. */
export async function createApiKey(
  auth: AuthContext,
  input: { name: string; password: string; expiresIn?: number | null },
) {
  await requireUserPassword(auth, input.password);
  const db = await database();
  const now = Date.now();
  const [{ n }] = await db
    .select({ n: count() })
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, auth.user.id), active(now)));
  if (n >= API_KEY_LIMIT) throw new ConflictError("API key limit reached");
  const key = API_KEY_PREFIX + randomBytes(32).toString("base64url");
  const [row] = await db
    .insert(apiKeys)
    .values({
      id: randomUUID(),
      userId: auth.user.id,
      organizationId: auth.organizationId,
      name: input.name,
      start: key.slice(0, 8),
      keyHash: hashKey(key),
      expiresAt: input.expiresIn ? now + input.expiresIn * 1000 : null,
    })
    .returning();
  await recordAudit({
    action: "api_key.create",
    target: row.name,
    details: { apiKeyId: row.id, expiresAt: row.expiresAt },
  });
  return { ...toDto(row), key };
}

export async function deleteApiKey(auth: AuthContext, keyId: string) {
  const db = await database();
  const deleted = await db
    .delete(apiKeys)
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.userId, auth.user.id)))
    .returning({ id: apiKeys.id });
  if (deleted.length === 0) throw new NotFoundError("API key not found");
  await recordAudit({ action: "api_key.delete", target: keyId });
  forgetResolvedCredentials();
  return { success: true };
}

type ResolvedKey = { auth: AuthContext; lastRequestAt: number | null };

/** The caller behind an API key, or null for an unknown, expired or deleted key or a banned user. */
export async function resolveApiKey(key: string): Promise<AuthContext | null> {
  if (!key.startsWith(API_KEY_PREFIX)) return null;
  const keyHash = hashKey(key);
  const resolved = await rememberedResolution(`apiKey:${keyHash}`, () => loadApiKey(keyHash));
  if (!resolved) return null;
  const now = Date.now();
  // Recorded to the minute, also while the resolution is remembered.
  if (!resolved.lastRequestAt || now - resolved.lastRequestAt > LAST_REQUEST_RESOLUTION_MS) {
    resolved.lastRequestAt = now;
    const db = await database();
    await db.update(apiKeys).set({ lastRequestAt: now }).where(eq(apiKeys.id, resolved.auth.apiKeyId!));
  }
  return resolved.auth;
}

async function loadApiKey(keyHash: string) {
  const db = await database();
  const [row] = await db
    .select({ key: apiKeys, user: users })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(eq(apiKeys.keyHash, keyHash), active(Date.now())));
  if (!row || row.user.banned) return null;
  const membership = await findMembership(row.user.id, row.key.organizationId);
  if (!membership) return null;
  // Shared by every request while remembered, so nobody may change it.
  const auth: AuthContext = Object.freeze({
    user: Object.freeze(publicUser(row.user)),
    organizationId: membership.organizationId,
    memberRole: membership.role,
    method: "apiKey",
    apiKeyId: row.key.id,
  });
  const value: ResolvedKey = { auth, lastRequestAt: row.key.lastRequestAt };
  return { value, validUntil: row.key.expiresAt };
}
