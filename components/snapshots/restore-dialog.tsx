"use client";
import { type FormEvent, useState } from "react";
import { FormFailure } from "@/components/forms/form-failure";
import { useServerAction } from "@/components/forms/use-server-action";
import { TaskProgress } from "@/components/tasks/task-progress";
import { isTaskActive, useTaskEvents } from "@/components/tasks/use-task-events";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/form-fields";
import { restoreAction } from "@/server/actions/snapshots.actions";
import { cancelTaskAction } from "@/server/actions/tasks.actions";

const OVERWRITE = [
  { value: "always", label: "Always overwrite" },
  { value: "if-changed", label: "Only if the content changed" },
  { value: "if-newer", label: "Only if the snapshot's file is newer" },
  { value: "never", label: "Never overwrite" },
];

/**
 * Restores the selected paths (or the whole snapshot) to where they came from or into another folder, then follows
 * the restore live with a Stop button.
 */
export function RestoreDialog({
  open,
  onOpenChange,
  repository,
  snapshotId,
  paths,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  repository: string;
  snapshotId: string;
  paths: string[];
}) {
  const [location, setLocation] = useState<"original" | "custom">("custom");
  const restore = useServerAction(restoreAction);
  const cancel = useServerAction(cancelTaskAction);
  const { task } = useTaskEvents(restore.data?.taskId);
  const running = task ? isTaskActive(task) : restore.pending;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    cancel.reset();
    restore.run({
      shortId: repository,
      snapshotId,
      include: paths.length > 0 ? paths : undefined,
      targetPath: location === "custom" ? String(form.get("targetPath") ?? "").trim() : undefined,
      overwrite: String(form.get("overwrite")),
    });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next && !running) restore.reset();
        onOpenChange(next);
      }}
      title="Restore"
      description={
        paths.length > 0 ? `${paths.length} selected item${paths.length === 1 ? "" : "s"}` : "The whole snapshot"
      }
      wide
    >
      {paths.length > 0 && (
        <ul className="max-h-32 overflow-y-auto rounded-md bg-zinc-100 px-3 py-2 font-mono text-xs dark:bg-zinc-800">
          {paths.map((path) => (
            <li key={path} className="truncate">
              {path}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={onSubmit} className="flex flex-col gap-4">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">Restore to</legend>
          {(["custom", "original"] as const).map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="location"
                value={value}
                checked={location === value}
                onChange={() => setLocation(value)}
                className="accent-indigo-600"
              />
              {value === "custom" ? "Another folder" : "The original location"}
            </label>
          ))}
        </fieldset>
        {location === "custom" && (
          <TextField
            label="Target folder"
            name="targetPath"
            required
            placeholder="/srv/restores/photos"
            hint="The selection lands directly in this folder."
            error={restore.fieldError("targetPath")}
          />
        )}
        <SelectField
          label="Existing files"
          name="overwrite"
          defaultValue="always"
          options={OVERWRITE}
          error={restore.fieldError("overwrite")}
        />
        <FormFailure failure={restore.failure} shownFields={["targetPath", "overwrite"]} />
        {task && <TaskProgress task={task} label="Restore progress" />}
        {task?.status === "success" && <Alert tone="success">Restore finished.</Alert>}
        {cancel.failure && <Alert tone="error">{cancel.failure.message}</Alert>}
        <div className="flex justify-end gap-2">
          {running && task && (
            <Button
              variant="secondary"
              pending={cancel.pending || task.cancellationRequested}
              onClick={() => cancel.run({ taskId: task.id })}
            >
              Stop restore
            </Button>
          )}
          <Button type="submit" pending={running}>
            {running ? "Restoring…" : "Start restore"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
