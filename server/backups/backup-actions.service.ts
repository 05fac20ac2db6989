// What users do to a schedule besides editing it: run it now, stop it, apply retention now, adopt snapshots.
import type { AuthContext } from "@/server/auth/auth-context";
import { getConfig } from "@/server/config";
import { NotFoundError } from "@/server/http/errors";
import { withRepository } from "@/server/repositories/repository-access";
import { invalidateSnapshotCache } from "@/server/repositories/snapshot-cache";
import { listSnapshots } from "@/server/restic/snapshots";
import { tagSnapshots } from "@/server/restic/tag";
import { cancelActiveTask, startTask } from "@/server/tasks/task-runner";
import { startBackupRun } from "./backup-run";
import { findOrgRepository, loadSchedule, scheduleTask } from "./backup-store";
import { startRetention } from "./retention";

const started = (task: { id: string }) => ({ taskId: task.id, status: "started" as const });

/** A manual run (also of a disabled schedule): 409 while one is active, 400 with the reason when the volume is not ready. */
export async function runBackupNow(auth: AuthContext, shortId: string) {
  return started(await startBackupRun(await loadSchedule(auth, shortId), "manual"));
}

/** Stops the schedule's active backup (queued or running); it ends `cancelled` once restic has let go of its lock. */
export async function stopBackup(auth: AuthContext, shortId: string) {
  const schedule = await loadSchedule(auth, shortId);
  const taskId = await cancelActiveTask(
    {
      organizationId: auth.organizationId,
      kind: "backup",
      resourceType: "backup_schedule",
      resourceId: schedule.shortId,
    },
    "No backup is running for this schedule",
  );
  return { status: "cancelling" as const, taskId };
}

export async function applyRetentionNow(auth: AuthContext, shortId: string) {
  return started(await startRetention(await loadSchedule(auth, shortId), "manual"));
}

/**
 * Tags snapshots of the schedule's repository (made by plain restic, or another tool) with the schedule's shortId:
 * from then on they are listed under the schedule and its retention applies to them. restic rewrites a tagged
 * snapshot, so each gets a new id.
 */
export async function adoptSnapshots(auth: AuthContext, shortId: string, snapshotIds: string[]) {
  const schedule = await loadSchedule(auth, shortId);
  const repository = await findOrgRepository(auth, schedule.repositoryId);
  const existing = await withRepository(repository, "shared", (target) =>
    listSnapshots(target, { timeoutMs: getConfig().resticTimeoutMs }),
  );
  const unknown = snapshotIds.find(
    (id) => !existing.some((snapshot) => snapshot.id === id || snapshot.short_id === id),
  );
  if (unknown) throw new NotFoundError(`Snapshot not found: ${unknown}`);
  const task = await startTask(
    {
      ...scheduleTask(schedule, "tagSnapshots", { repositoryId: repository.id, snapshotIds, add: [schedule.shortId] }),
    },
    async ({ signal }) => {
      try {
        await withRepository(repository, "exclusive", (target) =>
          tagSnapshots(target, snapshotIds, { add: [schedule.shortId] }, { signal }),
        );
      } finally {
        invalidateSnapshotCache(repository.id);
      }
      return { result: { taggedSnapshotIds: snapshotIds } };
    },
  );
  return started(task);
}
