// The `backup_schedules` table: loading a schedule of the caller's organization, saving changes, and its public shape.
import { and, eq, or, type SQL } from "drizzle-orm";
import { database } from "@/db/client";
import { backupSchedules, repositories, volumes } from "@/db/schema";
import type { AuthContext } from "@/server/auth/auth-context";
import { NotFoundError } from "@/server/http/errors";
import type { RepositoryRow } from "@/server/repositories/repository-store";
import type { TaskKind } from "@/server/tasks/task.schema";
import type { VolumeRow } from "@/server/volumes/volume-readiness";
import type { ScheduleDto } from "./backups.schema";
import { maskWebhooks } from "./webhooks";

export type ScheduleRow = typeof backupSchedules.$inferSelect;
export type SchedulePatch = Partial<Omit<ScheduleRow, "id" | "shortId" | "organizationId" | "createdAt">>;

const MINUTE_MS = 60_000;

/** By shortId, or by numeric id (as the original's endpoints also accept). */
export function scheduleKey(idOrShortId: string): SQL {
  const byShortId = eq(backupSchedules.shortId, idOrShortId);
  return /^\d+$/.test(idOrShortId) ? or(byShortId, eq(backupSchedules.id, Number(idOrShortId)))! : byShortId;
}

export async function loadSchedule(
  auth: Pick<AuthContext, "organizationId">,
  idOrShortId: string,
): Promise<ScheduleRow> {
  const db = await database();
  const [row] = await db
    .select()
    .from(backupSchedules)
    .where(and(scheduleKey(idOrShortId), eq(backupSchedules.organizationId, auth.organizationId)));
  if (!row) throw new NotFoundError("Backup schedule not found");
  return row;
}

export async function findScheduleById(id: number): Promise<ScheduleRow | undefined> {
  const db = await database();
  const [row] = await db.select().from(backupSchedules).where(eq(backupSchedules.id, id));
  return row;
}

export async function updateScheduleRow(id: number, patch: SchedulePatch): Promise<ScheduleRow | undefined> {
  const db = await database();
  const [row] = await db.update(backupSchedules).set(patch).where(eq(backupSchedules.id, id)).returning();
  return row;
}

/** A repository of the organization by its id or shortId (requests may name either). */
export async function findOrgRepository(
  auth: Pick<AuthContext, "organizationId">,
  idOrShortId: string,
): Promise<RepositoryRow> {
  const db = await database();
  const [row] = await db
    .select()
    .from(repositories)
    .where(
      and(
        or(eq(repositories.id, idOrShortId), eq(repositories.shortId, idOrShortId)),
        eq(repositories.organizationId, auth.organizationId),
      ),
    );
  if (!row) throw new NotFoundError("Repository not found");
  return row;
}

/** A volume of the organization by its numeric id or shortId. */
export async function findOrgVolume(
  auth: Pick<AuthContext, "organizationId">,
  idOrShortId: number | string,
): Promise<VolumeRow> {
  const db = await database();
  const key = typeof idOrShortId === "number" ? eq(volumes.id, idOrShortId) : eq(volumes.shortId, idOrShortId);
  const [row] = await db
    .select()
    .from(volumes)
    .where(and(key, eq(volumes.organizationId, auth.organizationId)));
  if (!row) throw new NotFoundError("Volume not found");
  return row;
}

/** The volume and repository a schedule uses (same organization by construction). */
export async function loadRunTargets(schedule: ScheduleRow): Promise<{ volume: VolumeRow; repository: RepositoryRow }> {
  const owner = { organizationId: schedule.organizationId };
  const [volume, repository] = await Promise.all([
    findOrgVolume(owner, schedule.volumeId),
    findOrgRepository(owner, schedule.repositoryId),
  ]);
  return { volume, repository };
}

/** What every task working for a schedule carries: its kind, the schedule as resource, the schedule in its input. */
export function scheduleTask<K extends TaskKind>(schedule: ScheduleRow, kind: K, input: Record<string, unknown> = {}) {
  return {
    kind,
    organizationId: schedule.organizationId,
    resourceType: "backup_schedule",
    resourceId: schedule.shortId,
    input: { scheduleId: schedule.id, scheduleShortId: schedule.shortId, ...input },
  };
}

export const retryDelayMs = (minutes: number) => minutes * MINUTE_MS;

export function toScheduleDto(row: ScheduleRow): ScheduleDto {
  return {
    id: row.id,
    shortId: row.shortId,
    name: row.name,
    volumeId: row.volumeId,
    repositoryId: row.repositoryId,
    enabled: row.enabled,
    cronExpression: row.cronExpression,
    timezone: row.timezone,
    retentionPolicy: row.retentionPolicy ?? null,
    excludePatterns: row.excludePatterns,
    excludeIfPresent: row.excludeIfPresent,
    includePaths: row.includePaths,
    includePatterns: row.includePatterns,
    oneFileSystem: row.oneFileSystem,
    customResticParams: row.customResticParams,
    compressionMode: row.compressionMode,
    backupWebhooks: maskWebhooks(row.backupWebhooks ?? null),
    sortOrder: row.sortOrder,
    maxRetries: row.maxRetries,
    retryDelay: Math.round(row.retryDelay / MINUTE_MS),
    failureRetryCount: row.failureRetryCount,
    lastBackupAt: row.lastBackupAt,
    lastBackupStatus: row.lastBackupStatus,
    lastBackupError: row.lastBackupError,
    lastBackupSummary: row.lastBackupSummary ?? null,
    lastSkippedAt: row.lastSkippedAt,
    nextBackupAt: row.nextBackupAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
