// Backup schedules of an organization: create, read, change, delete, order. Running them is backup-run's job.

import { and, asc, count, eq, inArray } from "drizzle-orm";
import { database } from "@/db/client";
import { backupSchedules, repositories, volumes } from "@/db/schema";
import { recordAudit } from "@/server/audit/audit.service";
import type { AuthContext } from "@/server/auth/auth-context";
import { BadRequestError, ConflictError, NotFoundError } from "@/server/http/errors";
import { toRepositoryDto } from "@/server/repositories/repository-store";
import { generateShortId } from "@/server/repositories/short-id";
import { nextRunAfter } from "@/server/scheduler/cron";
import { wakeScheduler } from "@/server/scheduler/scheduler";
import { cancelTask } from "@/server/tasks/task-runner";
import { listActiveTasks } from "@/server/tasks/tasks.service";
import { toVolumeDto } from "@/server/volumes/volume-store";
import {
  findOrgRepository,
  findOrgVolume,
  loadSchedule,
  retryDelayMs,
  type SchedulePatch,
  type ScheduleRow,
  toScheduleDto,
  updateScheduleRow,
} from "./backup-store";
import type { CreateScheduleInput, UpdateScheduleInput } from "./backups.schema";
import { assertWebhookAllowed, type BackupWebhooks, sealWebhooks } from "./webhooks";

const NAME_TAKEN = "A backup schedule with this name already exists";

async function assertNameFree(auth: AuthContext, name: string, exceptId?: number) {
  const db = await database();
  const [clash] = await db
    .select({ id: backupSchedules.id })
    .from(backupSchedules)
    .where(and(eq(backupSchedules.organizationId, auth.organizationId), eq(backupSchedules.name, name)));
  if (clash && clash.id !== exceptId) throw new ConflictError(NAME_TAKEN);
}

function checkWebhooks(hooks: BackupWebhooks | null | undefined) {
  for (const hook of [hooks?.pre, hooks?.post]) if (hook) assertWebhookAllowed(hook.url);
}

const firstRun = (row: Pick<ScheduleRow, "enabled" | "cronExpression" | "timezone">) =>
  row.enabled ? nextRunAfter(row.cronExpression, row.timezone, Date.now()) : null;

export async function createSchedule(auth: AuthContext, input: CreateScheduleInput) {
  const [volume, repository] = await Promise.all([
    findOrgVolume(auth, input.volumeId),
    findOrgRepository(auth, input.repositoryId),
  ]);
  await assertNameFree(auth, input.name);
  checkWebhooks(input.backupWebhooks);
  const db = await database();
  const [{ schedules }] = await db
    .select({ schedules: count() })
    .from(backupSchedules)
    .where(eq(backupSchedules.organizationId, auth.organizationId));
  const values = {
    shortId: generateShortId(),
    organizationId: auth.organizationId,
    name: input.name,
    volumeId: volume.id,
    repositoryId: repository.id,
    enabled: input.enabled,
    cronExpression: input.cronExpression,
    timezone: input.timezone ?? null,
    retentionPolicy: input.retentionPolicy ?? null,
    excludePatterns: input.excludePatterns,
    excludeIfPresent: input.excludeIfPresent,
    includePaths: input.includePaths,
    includePatterns: input.includePatterns,
    customResticParams: input.customResticParams,
    oneFileSystem: input.oneFileSystem,
    compressionMode: input.compressionMode ?? null,
    backupWebhooks: sealWebhooks(input.backupWebhooks ?? null, null),
    sortOrder: schedules,
    maxRetries: input.maxRetries,
    retryDelay: retryDelayMs(input.retryDelay),
  };
  const [row] = await db
    .insert(backupSchedules)
    .values({ ...values, nextBackupAt: firstRun(values) })
    .returning();
  wakeScheduler();
  return toScheduleDto(row);
}

export async function updateBackupSchedule(auth: AuthContext, shortId: string, input: UpdateScheduleInput) {
  const row = await loadSchedule(auth, shortId);
  if (input.name !== undefined) await assertNameFree(auth, input.name, row.id);
  checkWebhooks(input.backupWebhooks);
  const { tags: _ignored, repositoryId, retryDelay, backupWebhooks, ...fields } = input;
  const patch: SchedulePatch = { ...fields };
  if (repositoryId !== undefined) patch.repositoryId = (await findOrgRepository(auth, repositoryId)).id;
  if (retryDelay !== undefined) patch.retryDelay = retryDelayMs(retryDelay);
  if (backupWebhooks !== undefined) patch.backupWebhooks = sealWebhooks(backupWebhooks, row.backupWebhooks ?? null);
  const next = { ...row, ...patch };
  if (next.enabled && !next.cronExpression) throw new BadRequestError("Enabled schedules require a cron expression");
  if (next.enabled !== row.enabled || next.cronExpression !== row.cronExpression || next.timezone !== row.timezone) {
    patch.nextBackupAt = firstRun(next);
    patch.failureRetryCount = 0;
  }
  const updated = await updateScheduleRow(row.id, patch);
  wakeScheduler();
  return toScheduleDto(updated!);
}

/** Deletes the schedule (its mirrors go with it); a backup it is running is stopped first. Snapshots stay. */
export async function deleteSchedule(auth: AuthContext, shortId: string) {
  const row = await loadSchedule(auth, shortId);
  const active = await listActiveTasks({
    organizationId: auth.organizationId,
    resourceType: "backup_schedule",
    resourceId: row.shortId,
  });
  await Promise.all(active.map((task) => cancelTask(task.id, auth.organizationId).catch(() => undefined)));
  const db = await database();
  await db.delete(backupSchedules).where(eq(backupSchedules.id, row.id));
  await recordAudit({ action: "schedule.delete", target: row.shortId, details: { name: row.name } });
  return { success: true as const };
}

/** Schedules with their volume and repository, in the user's order. */
async function detailed(auth: AuthContext, extra?: ReturnType<typeof eq>) {
  const db = await database();
  const rows = await db
    .select({ schedule: backupSchedules, volume: volumes, repository: repositories })
    .from(backupSchedules)
    .innerJoin(volumes, eq(volumes.id, backupSchedules.volumeId))
    .innerJoin(repositories, eq(repositories.id, backupSchedules.repositoryId))
    .where(and(eq(backupSchedules.organizationId, auth.organizationId), extra))
    .orderBy(asc(backupSchedules.sortOrder), asc(backupSchedules.id));
  return rows.map(({ schedule, volume, repository }) => ({
    ...toScheduleDto(schedule),
    volume: toVolumeDto(volume),
    repository: toRepositoryDto(repository),
  }));
}

export const listSchedules = (auth: AuthContext) => detailed(auth);

export async function getSchedule(auth: AuthContext, shortId: string) {
  const row = await loadSchedule(auth, shortId);
  const [schedule] = await detailed(auth, eq(backupSchedules.id, row.id));
  return schedule;
}

/** The first schedule (in the user's order) backing up the volume, or null. */
export async function getScheduleForVolume(auth: AuthContext, volumeShortId: string) {
  const volume = await findOrgVolume(auth, volumeShortId);
  const [schedule] = await detailed(auth, eq(backupSchedules.volumeId, volume.id));
  return schedule ?? null;
}

export async function reorderSchedules(auth: AuthContext, scheduleShortIds: string[]) {
  const db = await database();
  const rows = await db
    .select({ id: backupSchedules.id, shortId: backupSchedules.shortId })
    .from(backupSchedules)
    .where(
      and(eq(backupSchedules.organizationId, auth.organizationId), inArray(backupSchedules.shortId, scheduleShortIds)),
    );
  const known = new Map(rows.map((row) => [row.shortId, row.id]));
  const unknown = scheduleShortIds.find((shortId) => !known.has(shortId));
  if (unknown) throw new NotFoundError(`Backup schedule not found: ${unknown}`);
  await db.transaction(async (tx) => {
    for (const [index, shortId] of scheduleShortIds.entries()) {
      await tx
        .update(backupSchedules)
        .set({ sortOrder: index })
        .where(eq(backupSchedules.id, known.get(shortId)!));
    }
  });
  return { success: true as const };
}
