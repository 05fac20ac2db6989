"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { FormFailure } from "@/components/forms/form-failure";
import { useServerAction } from "@/components/forms/use-server-action";
import { TaskProgress } from "@/components/tasks/task-progress";
import { useTaskEvents } from "@/components/tasks/use-task-events";
import { Button } from "@/components/ui/button";
import { CheckboxField, SelectField } from "@/components/ui/form-fields";
import { Panel } from "@/components/ui/panel";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { adoptSnapshotsAction } from "@/server/actions/backups.actions";

/**
 * An imported repository's snapshots that no schedule of this repository made (no schedule's tag): adopting them
 * into a schedule tags them, so they are listed under it and its retention applies to them.
 */
export function AdoptSnapshots({ shortId }: { shortId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const snapshots = useQuery(trpc.repositories.snapshots.queryOptions({ shortId }));
  const schedules = useQuery(trpc.backups.list.queryOptions());
  const adopt = useServerAction(adoptSnapshotsAction);
  const [selected, setSelected] = useState<string[]>([]);
  const { task } = useTaskEvents(adopt.data?.taskId, () => {
    setSelected([]);
    queryClient.invalidateQueries({ queryKey: trpc.repositories.snapshots.queryKey({ shortId }) });
  });
  const own = (schedules.data ?? []).filter((schedule) => schedule.repository.shortId === shortId);
  const tags = new Set((schedules.data ?? []).map((schedule) => schedule.shortId));
  const orphans = (snapshots.data ?? []).filter((snapshot) => !snapshot.tags.some((tag) => tags.has(tag)));
  if (!snapshots.data || !schedules.data || orphans.length === 0) return null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    adopt.run({ shortId: String(form.get("schedule")), snapshotIds: selected });
  }

  return (
    <Panel
      title="Snapshots without a backup"
      description="Made before this repository was imported, or by another tool. Adopt them into a backup so its retention keeps them in order."
    >
      <form onSubmit={onSubmit} className="flex flex-col gap-4">
        <div className="flex flex-col gap-2">
          {orphans.map((snapshot) => (
            <CheckboxField
              key={snapshot.id}
              label={`${snapshot.short_id} · ${formatDateTime(snapshot.time)}`}
              hint={snapshot.paths.join(", ")}
              checked={selected.includes(snapshot.id)}
              onChange={() =>
                setSelected((current) =>
                  current.includes(snapshot.id)
                    ? current.filter((id) => id !== snapshot.id)
                    : [...current, snapshot.id],
                )
              }
            />
          ))}
        </div>
        {own.length === 0 ? (
          <p className="text-sm text-zinc-500">Create a backup into this repository first, then adopt them into it.</p>
        ) : (
          <div className="flex flex-wrap items-end gap-3">
            <SelectField
              label="Adopt into"
              name="schedule"
              options={own.map((schedule) => ({ value: schedule.shortId, label: schedule.name }))}
            />
            <Button type="submit" pending={adopt.pending} disabled={selected.length === 0}>
              Adopt selected ({selected.length})
            </Button>
          </div>
        )}
        <FormFailure failure={adopt.failure} />
        {task && <TaskProgress task={task} label="Adopting snapshots" />}
      </form>
    </Panel>
  );
}
