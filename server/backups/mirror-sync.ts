// Copying a schedule's snapshots to a mirror repository (reference §5.6) as a `mirrorSync` task: `restic copy
// --tag <shortId>` (only the missing snapshots travel; restic skips those already copied), then the schedule's
// retention applied to the mirror too.
import { eq } from "drizzle-orm";
import { database } from "@/db/client";
import { backupScheduleMirrors, repositories } from "@/db/schema";
import { getLogger } from "@/server/logging/logger";
import { withRepository } from "@/server/repositories/repository-access";
import type { RepositoryRow } from "@/server/repositories/repository-store";
import { invalidateSnapshotCache } from "@/server/repositories/snapshot-cache";
import { copySnapshots } from "@/server/restic/copy";
import type { ResticTarget } from "@/server/restic/run";
import { startTask } from "@/server/tasks/task-runner";
import { type ScheduleRow, scheduleTask } from "./backup-store";
import { copyParamArgs } from "./custom-params";
import { startFollowUp } from "./follow-up";
import { forgetBySchedule } from "./retention";

export type MirrorRow = typeof backupScheduleMirrors.$inferSelect;

/** The schedule's mirrors with their repositories, oldest first. */
export async function mirrorsOf(scheduleId: number): Promise<{ mirror: MirrorRow; repository: RepositoryRow }[]> {
  const db = await database();
  return db
    .select({ mirror: backupScheduleMirrors, repository: repositories })
    .from(backupScheduleMirrors)
    .innerJoin(repositories, eq(repositories.id, backupScheduleMirrors.repositoryId))
    .where(eq(backupScheduleMirrors.scheduleId, scheduleId))
    .orderBy(backupScheduleMirrors.id);
}

export const mirrorTaskKey = (scheduleId: number, mirrorRepositoryId: string) =>
  `mirror:${scheduleId}:${mirrorRepositoryId}`;

/**
 * Holds the source shared and the mirror exclusively. Locks are always taken in the same order (by repository id),
 * so two schedules mirroring into each other's repositories cannot deadlock.
 */
function withBoth<T>(
  source: RepositoryRow,
  mirror: RepositoryRow,
  signal: AbortSignal,
  work: (source: ResticTarget, mirror: ResticTarget) => Promise<T>,
): Promise<T> {
  if (source.id < mirror.id) {
    return withRepository(
      source,
      "shared",
      (from) => withRepository(mirror, "exclusive", (to) => work(from, to), { signal }),
      {
        signal,
      },
    );
  }
  return withRepository(
    mirror,
    "exclusive",
    (to) => withRepository(source, "shared", (from) => work(from, to), { signal }),
    {
      signal,
    },
  );
}

export async function startMirrorSync(
  schedule: ScheduleRow,
  source: RepositoryRow,
  mirror: RepositoryRow,
  trigger: "manual" | "postBackup",
  snapshotIds?: string[],
) {
  return startTask(
    {
      ...scheduleTask(schedule, "mirrorSync", {
        sourceRepositoryId: source.id,
        mirrorRepositoryId: mirror.id,
        mirrorShortId: mirror.shortId,
        snapshotIds: snapshotIds ?? null,
        trigger,
      }),
      exclusiveKey: mirrorTaskKey(schedule.id, mirror.id),
      conflictMessage: "Mirror is already syncing",
      usesJobSlot: true,
    },
    async ({ signal, reportProgress }) => {
      reportProgress({ phase: "copying", message: null });
      try {
        await withBoth(source, mirror, signal, (from, to) =>
          copySnapshots(to, from, {
            snapshotIds,
            tags: [schedule.shortId],
            extraArgs: copyParamArgs(schedule.customResticParams),
            signal,
            onOutputLine: (line) => line.trim() && reportProgress({ phase: "copying", message: line.trim() }),
          }),
        );
      } finally {
        invalidateSnapshotCache(mirror.id);
      }
      if (schedule.retentionPolicy) {
        reportProgress({ phase: "retention", message: null });
        // The copy is what the user asked for; a retention failure on the mirror is reported, not fatal.
        await forgetBySchedule(schedule, mirror, schedule.retentionPolicy, signal).catch((error) => {
          if (signal.aborted) throw error;
          getLogger().warn(
            { err: error, scheduleId: schedule.shortId, mirror: mirror.shortId },
            "mirror retention failed",
          );
        });
      }
    },
  );
}

/** After a backup: a sync to every enabled mirror. */
export async function startMirrorSyncsAfterBackup(schedule: ScheduleRow, source: RepositoryRow): Promise<void> {
  for (const { mirror, repository } of await mirrorsOf(schedule.id)) {
    if (!mirror.enabled) continue;
    await startFollowUp({
      schedule,
      kind: "mirrorSync",
      matches: (task) => (task.input as { mirrorRepositoryId?: string }).mirrorRepositoryId === repository.id,
      start: () => startMirrorSync(schedule, source, repository, "postBackup"),
    });
  }
}
