// The moments of a backup's life other domains react to, in one place: a run started, a run finished (with its
// outcome and new snapshot), snapshots were forgotten by retention. Each publishes an organization event for live
// views; notifications, the snapshot index, metrics and stats samples hook in here with one call each.
import { getLogger } from "@/server/logging/logger";
import { countBackupRun } from "@/server/metrics/backup-metrics";
import { notifyBackupFinished, notifyBackupStarted } from "@/server/notifications/backup-notices";
import { refreshStatsAfterBackup } from "@/server/repositories/repository-stats.service";
import type { RepositoryRow } from "@/server/repositories/repository-store";
import { enqueueSnapshotIndex } from "@/server/snapshot-index/index-jobs";
import { dropSnapshotIndex } from "@/server/snapshot-index/index-lifecycle";
import { publishEvent } from "@/server/tasks/event-bus";
import type { VolumeRow } from "@/server/volumes/volume-readiness";
import type { ScheduleRow } from "./backup-store";

export type BackupTrigger = "manual" | "scheduled";

/** One run of a schedule, as every hook sees it. */
export type BackupRun = {
  taskId: string;
  schedule: ScheduleRow;
  volume: VolumeRow;
  repository: RepositoryRow;
  trigger: BackupTrigger;
  startedAt: number;
};

export type BackupRunStatus = "success" | "warning" | "failed" | "cancelled";

export type BackupOutcome = {
  status: BackupRunStatus;
  /** Why it failed, was cancelled, or what the warning is; null on a clean success. */
  message: string | null;
  snapshotId: string | null;
  /** restic's summary line, when a snapshot was made. */
  summary: Record<string, unknown> | null;
  finishedAt: number;
  /** A failed scheduled run that will be tried again at this time. */
  retryAt: number | null;
};

const summaryOf = (run: BackupRun) => ({
  taskId: run.taskId,
  scheduleId: run.schedule.shortId,
  scheduleName: run.schedule.name,
  repositoryId: run.repository.shortId,
  volumeId: run.volume.shortId,
  trigger: run.trigger,
});

/** The run holds its job slot and is about to call the pre-backup webhook. */
export function backupStarted(run: BackupRun): void {
  publishEvent(run.schedule.organizationId, "backup:started", { ...summaryOf(run), startedAt: run.startedAt });
  notifyBackupStarted(run);
}

/** The schedule row already carries the outcome; retention and mirror syncs have been started. */
export function backupFinished(run: BackupRun, outcome: BackupOutcome): void {
  publishEvent(run.schedule.organizationId, "backup:finished", {
    ...summaryOf(run),
    status: outcome.status,
    message: outcome.message,
    snapshotId: outcome.snapshotId,
    retryAt: outcome.retryAt,
    finishedAt: outcome.finishedAt,
  });
  countBackupRun(run, outcome);
  notifyBackupFinished(run, outcome);
  // The new snapshot is browsable at once from the index (the restic listing serves it meanwhile).
  if (outcome.snapshotId) {
    refreshStatsAfterBackup(run.repository);
    enqueueSnapshotIndex(run.repository, outcome.snapshotId).catch((error) =>
      getLogger().warn({ err: error, snapshotId: outcome.snapshotId }, "could not start indexing the new snapshot"),
    );
  }
}

/** Retention (or a mirror's retention) removed these snapshots from `repository`. */
export function snapshotsForgotten(schedule: ScheduleRow, repository: RepositoryRow, snapshotIds: string[]): void {
  if (snapshotIds.length === 0) return;
  publishEvent(schedule.organizationId, "backup:snapshots_forgotten", {
    scheduleId: schedule.shortId,
    repositoryId: repository.shortId,
    snapshotIds,
  });
  try {
    dropSnapshotIndex(repository.id, snapshotIds);
  } catch (error) {
    // The index is a cache: a forgotten snapshot it still lists is never served (it is checked against restic).
    getLogger().warn({ err: error, repositoryId: repository.id }, "could not drop forgotten snapshots from the index");
  }
}
