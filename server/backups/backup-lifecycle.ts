// What a finished run changes (reference §5.3 step 6): the schedule's last status, error and summary; a retry for a
// failed scheduled run; then retention and mirror copies as their own tasks, and the `backupFinished` hooks.
import { getLogger } from "@/server/logging/logger";
import { invalidateSnapshotCache } from "@/server/repositories/snapshot-cache";
import { nextRunAfter } from "@/server/scheduler/cron";
import { type BackupOutcome, type BackupRun, backupFinished } from "./backup-events";
import { findScheduleById, type SchedulePatch, type ScheduleRow, updateScheduleRow } from "./backup-store";
import { startFollowUp } from "./follow-up";
import { startMirrorSyncsAfterBackup } from "./mirror-sync";
import { startRetention } from "./retention";

const STATUS_ON_SCHEDULE = { success: "success", warning: "warning", failed: "error", cancelled: "warning" } as const;

/** A failed scheduled run is tried again after `retryDelay`, up to `maxRetries` times, unless the next slot comes first. */
function retryTime(schedule: ScheduleRow, run: BackupRun, now: number): number | null {
  if (run.trigger !== "scheduled" || schedule.failureRetryCount >= schedule.maxRetries) return null;
  const retryAt = now + schedule.retryDelay;
  return schedule.nextBackupAt === null || retryAt < schedule.nextBackupAt ? retryAt : null;
}

function schedulePatch(schedule: ScheduleRow, run: BackupRun, outcome: BackupOutcome): SchedulePatch {
  const patch: SchedulePatch = {
    lastBackupStatus: STATUS_ON_SCHEDULE[outcome.status],
    lastBackupError: outcome.message,
  };
  if (outcome.status === "success" || outcome.status === "warning") {
    Object.assign(patch, {
      lastBackupAt: outcome.finishedAt,
      lastBackupSummary: outcome.summary,
      failureRetryCount: 0,
    });
    // A pending retry is moot once a run succeeded: back to the cron slots.
    if (schedule.failureRetryCount > 0 && schedule.enabled) {
      patch.nextBackupAt = nextRunAfter(schedule.cronExpression, schedule.timezone, outcome.finishedAt);
    }
  } else if (outcome.status === "failed") {
    outcome.retryAt = retryTime(schedule, run, outcome.finishedAt);
    if (outcome.retryAt === null) {
      patch.failureRetryCount = 0;
    } else {
      patch.nextBackupAt = outcome.retryAt;
      patch.failureRetryCount = schedule.failureRetryCount + 1;
      const minutes = Math.round(schedule.retryDelay / 60_000);
      patch.lastBackupError = `${outcome.message} (retrying in ${minutes} min, attempt ${patch.failureRetryCount}/${schedule.maxRetries})`;
    }
  }
  return patch;
}

async function startFollowUps(schedule: ScheduleRow, run: BackupRun): Promise<void> {
  const log = getLogger();
  if (schedule.retentionPolicy) {
    await startFollowUp({ schedule, kind: "forget", start: () => startRetention(schedule, "postBackup") }).catch(
      (error) => log.error({ err: error, scheduleId: schedule.shortId }, "could not start retention after a backup"),
    );
  }
  await startMirrorSyncsAfterBackup(schedule, run.repository).catch((error) =>
    log.error({ err: error, scheduleId: schedule.shortId }, "could not start mirror syncs after a backup"),
  );
}

/** Records the outcome of a run that was not interrupted by a shutdown. */
export async function finishBackupRun(run: BackupRun, outcome: BackupOutcome): Promise<void> {
  // The row as it is now: the scheduler has moved nextBackupAt on, the user may have edited the schedule.
  const schedule = await findScheduleById(run.schedule.id);
  if (!schedule) return; // deleted while it ran
  await updateScheduleRow(schedule.id, schedulePatch(schedule, run, outcome));
  if (outcome.status === "success" || outcome.status === "warning") {
    invalidateSnapshotCache(run.repository.id);
    await startFollowUps(schedule, run);
  }
  try {
    backupFinished(run, outcome);
  } catch (error) {
    getLogger().error({ err: error, scheduleId: schedule.shortId }, "a backup-finished hook failed");
  }
}

/** A run cancelled while it waited for a job slot never started; the schedule must not stay "in progress". */
export async function finishUnstartedRun(schedule: ScheduleRow): Promise<void> {
  await updateScheduleRow(schedule.id, {
    lastBackupStatus: "warning",
    lastBackupError: "Backup was stopped by the user before it started",
  });
}
