// Retention (reference §5.5): `restic forget --group-by tags --tag <shortId> <policy> --keep-tag keep --prune` as a
// `forget` task holding the repository exclusively. A snapshot tagged `keep` is pinned: no policy forgets it.
import { BadRequestError } from "@/server/http/errors";
import { withRepository } from "@/server/repositories/repository-access";
import type { RepositoryRow } from "@/server/repositories/repository-store";
import { invalidateSnapshotCache } from "@/server/repositories/snapshot-cache";
import { type ForgetGroup, forgetByPolicy, type RetentionPolicy } from "@/server/restic/forget";
import type { ResticTarget } from "@/server/restic/run";
import { startTask } from "@/server/tasks/task-runner";
import { snapshotsForgotten } from "./backup-events";
import { findOrgRepository, type ScheduleRow, scheduleTask } from "./backup-store";

/** The tag that pins a snapshot against every retention policy. */
export const PIN_TAG = "keep";

/** Applies (or with `dryRun`, only evaluates) the schedule's policy to its snapshots in `target`. */
export function applyPolicy(
  target: ResticTarget,
  schedule: Pick<ScheduleRow, "shortId">,
  policy: RetentionPolicy,
  options: { dryRun?: boolean; signal?: AbortSignal } = {},
): Promise<ForgetGroup[]> {
  return forgetByPolicy(target, policy, {
    tags: [schedule.shortId],
    groupBy: "tags",
    extraArgs: ["--keep-tag", PIN_TAG],
    ...options,
  });
}

/** Forgets and prunes in `repository`; returns the ids of the snapshots removed. */
export async function forgetBySchedule(
  schedule: ScheduleRow,
  repository: RepositoryRow,
  policy: RetentionPolicy,
  signal: AbortSignal,
): Promise<string[]> {
  try {
    const groups = await withRepository(repository, "exclusive", (target) =>
      applyPolicy(target, schedule, policy, { signal }),
    );
    const removed = groups.flatMap((group) => group.remove.map((snapshot) => snapshot.id));
    snapshotsForgotten(schedule, repository, removed);
    return removed;
  } finally {
    invalidateSnapshotCache(repository.id);
  }
}

/** Starts the retention task: 400 without a policy, 409 while one is active for the schedule. */
export async function startRetention(schedule: ScheduleRow, trigger: "manual" | "postBackup") {
  const policy = schedule.retentionPolicy;
  if (!policy) throw new BadRequestError("No retention policy configured for this schedule");
  const repository = await findOrgRepository(schedule, schedule.repositoryId);
  return startTask(
    {
      ...scheduleTask(schedule, "forget", { repositoryId: repository.id, retentionPolicy: policy, trigger }),
      exclusiveKey: `forget:${schedule.id}:${repository.id}`,
      conflictMessage: "Retention policy is already being applied",
      usesJobSlot: true,
    },
    async ({ signal }) => {
      const removed = await forgetBySchedule(schedule, repository, policy, signal);
      return { result: { removedSnapshotIds: removed } };
    },
  );
}
