// "What is due now", callable on its own: by the in-process scheduler, and by a cron endpoint on hosts without a
// long-running process. Every due run is claimed in the database first — a conditional update that moves
// `nextBackupAt` on only if nobody else did — so any number of app instances sharing one database start it once.
import { and, eq, isNotNull, lte } from "drizzle-orm";
import { database } from "@/db/client";
import { backupSchedules } from "@/db/schema";
import { startBackupRun } from "@/server/backups/backup-run";
import type { ScheduleRow } from "@/server/backups/backup-store";
import { ConflictError } from "@/server/http/errors";
import { getLogger } from "@/server/logging/logger";
import { nextRunAfter } from "./cron";

export type DueRun =
  | { scheduleShortId: string; outcome: "started"; taskId: string }
  | { scheduleShortId: string; outcome: "skipped" | "failed"; reason: string };

/** The run after `now`; a pattern that cannot be computed any more stops the schedule rather than looping on it. */
function followingRun(row: ScheduleRow, now: number): number | null {
  try {
    return nextRunAfter(row.cronExpression, row.timezone, now);
  } catch (error) {
    getLogger().error({ err: error, scheduleId: row.shortId }, "cannot compute the next run of a schedule");
    return null;
  }
}

/**
 * Takes one due run for this process: true when the update matched, i.e. `nextBackupAt` still held the value this
 * process read. Missed slots collapse into this one run, since the next run is computed from `now`.
 */
async function claim(row: ScheduleRow, now: number): Promise<boolean> {
  const db = await database();
  const claimed = await db
    .update(backupSchedules)
    .set({ nextBackupAt: followingRun(row, now) })
    .where(
      and(
        eq(backupSchedules.id, row.id),
        eq(backupSchedules.enabled, true),
        eq(backupSchedules.nextBackupAt, row.nextBackupAt!),
      ),
    )
    .returning({ id: backupSchedules.id });
  return claimed.length === 1;
}

async function recordSkip(row: ScheduleRow, now: number, reason: string): Promise<void> {
  const db = await database();
  await db.update(backupSchedules).set({ lastSkippedAt: now }).where(eq(backupSchedules.id, row.id));
  getLogger().warn({ scheduleId: row.shortId }, `scheduled backup skipped: ${reason}`);
}

/** How long after a run that could not even start (database busy, shutting down) it is tried again. */
const START_RETRY_MS = 30_000;

async function retrySoon(row: ScheduleRow, now: number): Promise<void> {
  const db = await database();
  await db
    .update(backupSchedules)
    .set({ nextBackupAt: Math.min(now + START_RETRY_MS, followingRun(row, now) ?? Number.POSITIVE_INFINITY) })
    .where(eq(backupSchedules.id, row.id));
}

async function runClaimed(row: ScheduleRow, now: number): Promise<DueRun> {
  try {
    const task = await startBackupRun(row, "scheduled");
    return { scheduleShortId: row.shortId, outcome: "started", taskId: task.id };
  } catch (error) {
    if (error instanceof ConflictError) {
      const reason = "the previous backup of this schedule was still running";
      await recordSkip(row, now, reason);
      return { scheduleShortId: row.shortId, outcome: "skipped", reason };
    }
    getLogger().error({ err: error, scheduleId: row.shortId }, "could not start a scheduled backup");
    // The claim moved nextBackupAt on; give the run another chance soon instead of losing this slot.
    await retrySoon(row, now).catch((retryError) =>
      getLogger().error({ err: retryError, scheduleId: row.shortId }, "could not reschedule a backup"),
    );
    return { scheduleShortId: row.shortId, outcome: "failed", reason: (error as Error).message };
  }
}

/** Starts every enabled schedule whose `nextBackupAt` has come (at `now`, injectable for tests) and that this process claims. */
export async function runDueSchedules(now: number = Date.now()): Promise<DueRun[]> {
  const db = await database();
  const due = await db
    .select()
    .from(backupSchedules)
    .where(
      and(
        eq(backupSchedules.enabled, true),
        isNotNull(backupSchedules.nextBackupAt),
        lte(backupSchedules.nextBackupAt, now),
      ),
    );
  const runs: DueRun[] = [];
  for (const row of due) {
    if (await claim(row, now)) runs.push(await runClaimed(row, now));
  }
  return runs;
}

/** When the scheduler should look next: the earliest `nextBackupAt` of an enabled schedule, if any. */
export async function earliestDueAt(): Promise<number | null> {
  const db = await database();
  const [row] = await db
    .select({ at: backupSchedules.nextBackupAt })
    .from(backupSchedules)
    .where(and(eq(backupSchedules.enabled, true), isNotNull(backupSchedules.nextBackupAt)))
    .orderBy(backupSchedules.nextBackupAt)
    .limit(1);
  return row?.at ?? null;
}
