import { setTimeout as sleep } from "node:timers/promises";
import { closeDb, runMigrations } from "@/db/client";
import { recoverInterruptedBackups } from "@/server/backups/backup-recovery";
import { ConfigError, getConfig } from "@/server/config";
import { publishFrontDoor } from "@/server/http/front-door";
import { getLogger } from "@/server/logging/logger";
import { settleDeliveries } from "@/server/notifications/delivery-queue";
import {
  applyProvisioningAtStart,
  ProvisioningError,
  readProvisioningAtStart,
} from "@/server/provisioning/provisioning.service";
import { publishRestHandler } from "@/server/rest-backend/node-entry";
import { stopRunningRestic } from "@/server/restic/run";
import { removeOwnInvocationDirs, sweepStaleInvocationDirs } from "@/server/restic/temp-dirs";
import { startScheduler, stopScheduler } from "@/server/scheduler/scheduler";
import { closeIndexDbs } from "@/server/snapshot-index/index-store";
import { removeInterruptedRestoreStaging } from "@/server/snapshots/restore-recovery";
import { recoverInterruptedTasks, shutdownTasks } from "@/server/tasks/task-runner";
import type { InterruptedTask } from "@/server/tasks/task-store";
import { startVolumes, stopVolumes } from "@/server/volumes/volume-lifecycle";

const holder = globalThis as unknown as { __zerobyteStarted?: boolean };

/** A configuration or provisioning file the app cannot run with: one line saying what to fix, then exit. */
async function orStop<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ProvisioningError) {
      console.error(`Zerobyte cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

/** Longest a shutdown waits for the staging folders of stuck restores to go (a dead share must not hold it up). */
const STAGING_CLEANUP_AT_SHUTDOWN_MS = 5_000;

/** Removes what interrupted restores on restic < 0.17 staged in their targets; logs instead of throwing. */
async function removeRestoreStaging(interrupted: InterruptedTask[]): Promise<void> {
  const logger = getLogger();
  try {
    const removed = await removeInterruptedRestoreStaging(interrupted);
    if (removed.length > 0) logger.info({ removed }, "removed what interrupted restores had staged");
  } catch (error) {
    logger.warn({ err: error }, "could not remove what interrupted restores had staged");
  }
}

/**
 * Start-up: configuration, migrations, task recovery, volume mounts, provisioning, scheduler host; and a clean
 * SIGTERM.
 */
export async function startServer(): Promise<void> {
  if (holder.__zerobyteStarted) return;
  holder.__zerobyteStarted = true;
  await orStop(getConfig);
  const logger = getLogger();
  await runMigrations();
  const swept = await sweepStaleInvocationDirs();
  if (swept > 0) logger.info({ swept }, "removed restic temp folders left by a previous process");
  const interrupted = await recoverInterruptedTasks();
  const taskIds = interrupted.map((task) => task.id);
  if (taskIds.length > 0) logger.warn({ taskIds }, "tasks left running by a previous process were marked interrupted");
  const rerun = await recoverInterruptedBackups();
  if (rerun > 0) logger.warn({ schedules: rerun }, "backups interrupted by the previous process were put right");
  publishFrontDoor();
  const provisioning = await orStop(readProvisioningAtStart);
  publishFrontDoor();
  publishRestHandler();
  await startVolumes();
  // Not awaited: a target on a network share that stopped answering must not hold up the start.
  void removeRestoreStaging(interrupted);
  if (provisioning) await orStop(() => applyProvisioningAtStart(provisioning));
  if (getConfig().schedulerEnabled) startScheduler();
  else logger.info("in-process scheduler off (SCHEDULER=off): due work runs when /api/v1/cron is called");

  const shutdown = async (signal: string) => {
    logger.info({ signal }, "shutting down");
    await stopScheduler();
    const stuck = await shutdownTasks();
    await stopRunningRestic();
    // restic is gone: what a restore that did not stop in time staged goes now (the next start sees it ended).
    await Promise.race([removeRestoreStaging(stuck), sleep(STAGING_CLEANUP_AT_SHUTDOWN_MS, undefined, { ref: false })]);
    // After the tasks: a backup reading a volume is cancelled before its mount goes away.
    await stopVolumes();
    await removeOwnInvocationDirs();
    // Notices already handed over (a backup that just failed) get a moment to go out before the database closes.
    await settleDeliveries(2_000);
    closeIndexDbs();
    closeDb();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  logger.info({ baseUrl: getConfig().baseUrl }, "Zerobyte started");
}
