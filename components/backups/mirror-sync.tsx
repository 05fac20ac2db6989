"use client";
import { FormFailure } from "@/components/forms/form-failure";
import { useServerAction } from "@/components/forms/use-server-action";
import { StopTaskButton } from "@/components/tasks/stop-task-button";
import { TaskProgress } from "@/components/tasks/task-progress";
import { isTaskActive, useTaskEvents } from "@/components/tasks/use-task-events";
import { Button } from "@/components/ui/button";
import { syncMirrorAction } from "@/server/actions/backups.actions";

/** "Sync now" for one mirror: copies the snapshots it lacks, followed live with a Cancel button. */
export function MirrorSync({
  scheduleShortId,
  mirrorShortId,
  mirrorName,
  onSettled,
}: {
  scheduleShortId: string;
  mirrorShortId: string;
  mirrorName: string;
  /** When the sync has ended (whatever its outcome), e.g. to read the mirror's last sync again. */
  onSettled: () => void;
}) {
  const sync = useServerAction(syncMirrorAction);
  const { task } = useTaskEvents(sync.data?.taskId, onSettled);
  const running = task ? isTaskActive(task) : sync.pending || Boolean(sync.data);
  return (
    <div className="flex flex-col gap-2 pl-6.5">
      {task && <TaskProgress task={task} label={`Sync to ${mirrorName}`} />}
      <div className="flex flex-wrap items-start gap-2">
        <Button
          variant="secondary"
          pending={running}
          onClick={() => sync.run({ shortId: scheduleShortId, mirrorShortId })}
          aria-label={`Sync ${mirrorName} now`}
        >
          {running ? "Syncing…" : "Sync now"}
        </Button>
        {task && isTaskActive(task) && (
          <StopTaskButton task={task} label="Cancel" accessibleName={`Cancel the sync to ${mirrorName}`} />
        )}
      </div>
      <FormFailure failure={sync.failure} />
    </div>
  );
}
