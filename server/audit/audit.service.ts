// The audit log: one row per destructive or security-relevant action, recorded by the service that does it (so the
// REST API, tRPC and the admin CLI are covered alike), read by instance admins. The actor comes from the door the
// call came through (audit-actor.ts). A failure to record is logged and never fails the action itself.
import { and, count, desc, eq, like, or, type SQL } from "drizzle-orm";
import { database } from "@/db/client";
import { auditLog } from "@/db/schema";
import { pageMeta } from "@/server/http/pagination";
import { getLogger } from "@/server/logging/logger";
import type { AuditQuery } from "./audit.schema";
import type { AuditAction } from "./audit-actions";
import { type AuditActor, currentActor } from "./audit-actor";

export type AuditEntry = {
  action: AuditAction;
  target?: string | null;
  /** Names, ids, flags and counts only; fields named like a secret are dropped whatever their value. */
  details?: Record<string, unknown>;
  /** Overrides of the door's actor, e.g. the login a failed sign-in tried. */
  actor?: Partial<AuditActor>;
  organizationId?: string | null;
};

const SECRET_NAME = /pass|secret|token|key$|keyhash|credential|private|cookie|authorization/i;

function withoutSecrets(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).filter(([name]) => !SECRET_NAME.test(name)));
}

export async function recordAudit(entry: AuditEntry): Promise<void> {
  const actor = { ...currentActor(), ...entry.actor };
  try {
    const db = await database();
    await db.insert(auditLog).values({
      at: Date.now(),
      actorId: actor.actorId,
      actorName: actor.actorName,
      method: actor.method,
      action: entry.action,
      target: entry.target ?? null,
      organizationId: entry.organizationId ?? actor.organizationId,
      ip: actor.ip,
      details: entry.details ? withoutSecrets(entry.details) : null,
    });
  } catch (error) {
    getLogger().error({ err: error, action: entry.action, target: entry.target }, "could not record an audit entry");
  }
}

export async function listAuditEntries(query: AuditQuery) {
  const conditions: SQL[] = [];
  if (query.action) {
    conditions.push(
      query.action.endsWith(".") ? like(auditLog.action, `${query.action}%`) : eq(auditLog.action, query.action),
    );
  }
  if (query.actor) conditions.push(or(eq(auditLog.actorId, query.actor), eq(auditLog.actorName, query.actor))!);
  const where = conditions.length ? and(...conditions) : undefined;
  const db = await database();
  const [{ total }] = await db.select({ total: count() }).from(auditLog).where(where);
  const entries = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(query.limit)
    .offset(query.offset);
  return { entries, ...pageMeta(query, total) };
}
