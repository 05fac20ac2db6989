"use client";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { cancelTaskAction } from "@/server/actions/tasks.actions";
import type { TaskDto } from "@/server/tasks/task.schema";

/** Any long operation can be stopped with this; it ends `cancelled` once restic has let go. */
export function StopTaskButton({
  task,
  label = "Stop",
  accessibleName,
}: {
  task: TaskDto;
  label?: string;
  /** What the button stops, where several such buttons share a page. */
  accessibleName?: string;
}) {
  const cancel = useServerAction(cancelTaskAction);
  return (
    <span className="flex flex-col items-end gap-1">
      <Button
        variant="secondary"
        pending={cancel.pending || task.cancellationRequested}
        onClick={() => cancel.run({ taskId: task.id })}
        aria-label={accessibleName}
      >
        {label}
      </Button>
      {cancel.failure && <span className="text-xs text-red-700 dark:text-red-300">{cancel.failure.message}</span>}
    </span>
  );
}
