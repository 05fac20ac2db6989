// Start-up (reference §5.3 step 7): a schedule still marked in progress lost its run with the previous process (the
// task runner has already marked that task `interrupted`). It says so, and an enabled schedule runs again at once.
import { and, eq } from "drizzle-orm";
import { database } from "@/db/client";
import { backupSchedules } from "@/db/schema";

const RESTARTED = "Zerobyte was restarted during the last backup";

/** Returns how many schedules were put right. */
export async function recoverInterruptedBackups(now: number = Date.now()): Promise<number> {
  const db = await database();
  const inProgress = eq(backupSchedules.lastBackupStatus, "in_progress");
  const rerun = await db
    .update(backupSchedules)
    .set({ lastBackupStatus: "warning", lastBackupError: `${RESTARTED}; it runs again now`, nextBackupAt: now })
    .where(and(inProgress, eq(backupSchedules.enabled, true)))
    .returning({ id: backupSchedules.id });
  const paused = await db
    .update(backupSchedules)
    .set({ lastBackupStatus: "warning", lastBackupError: RESTARTED })
    .where(inProgress)
    .returning({ id: backupSchedules.id });
  return rerun.length + paused.length;
}
