// Retention and mirror syncs after a backup are one task per schedule (and mirror) at a time. When one is already
// active, the new snapshot must not be left out: a queued task will see it anyway, a running one may have read the
// repository before it existed, so another run follows it.
import { ConflictError } from "@/server/http/errors";
import { getLogger } from "@/server/logging/logger";
import type { TaskDto, TaskKind } from "@/server/tasks/task.schema";
import { waitForTask } from "@/server/tasks/task-runner";
import { listActiveTasks } from "@/server/tasks/tasks.service";
import type { ScheduleRow } from "./backup-store";

export type FollowUp = {
  schedule: ScheduleRow;
  kind: TaskKind;
  /** Which of the schedule's active tasks of that kind this follow-up would collide with. */
  matches?: (task: TaskDto) => boolean;
  start: () => Promise<unknown>;
};

async function startAfterRunning({ schedule, kind, matches = () => true, start }: FollowUp): Promise<void> {
  const active = await listActiveTasks({
    organizationId: schedule.organizationId,
    kind,
    resourceType: "backup_schedule",
    resourceId: schedule.shortId,
  });
  const running = active.find((task) => matches(task));
  if (!running || running.status === "queued") return;
  await waitForTask(running.id);
  await start().catch((error) => {
    if (!(error instanceof ConflictError)) throw error;
  });
}

/** Starts the follow-up task now, or once the one in its way has finished. */
export async function startFollowUp(followUp: FollowUp): Promise<void> {
  try {
    await followUp.start();
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    void startAfterRunning(followUp).catch((retryError) =>
      getLogger().error(
        { err: retryError, scheduleId: followUp.schedule.shortId, kind: followUp.kind },
        "could not queue a task after a backup",
      ),
    );
  }
}
