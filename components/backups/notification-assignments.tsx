"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { FormFailure } from "@/components/forms/form-failure";
import { SaveRow } from "@/components/forms/save-row";
import { useServerAction } from "@/components/forms/use-server-action";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { Panel } from "@/components/ui/panel";
import { useTRPC } from "@/lib/trpc/client";
import { replaceAssignmentsAction } from "@/server/actions/backups.actions";

const EVENTS = [
  { key: "notifyOnStart", label: "Start" },
  { key: "notifyOnSuccess", label: "Success" },
  { key: "notifyOnWarning", label: "Warning" },
  { key: "notifyOnFailure", label: "Failure" },
] as const;

/** Which destinations hear this schedule's start, success, warning and failure (failure includes overdue alerts). */
export function NotificationAssignments({ scheduleShortId }: { scheduleShortId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const destinations = useQuery(trpc.notifications.list.queryOptions());
  const assignments = useQuery(trpc.notifications.assignments.queryOptions({ shortId: scheduleShortId }));
  const [saved, setSaved] = useState(false);
  const save = useServerAction(replaceAssignmentsAction, () => {
    setSaved(true);
    queryClient.invalidateQueries({ queryKey: trpc.notifications.assignments.queryKey({ shortId: scheduleShortId }) });
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const list = (destinations.data ?? []).map((destination) => ({
      destinationId: destination.id,
      ...Object.fromEntries(EVENTS.map(({ key }) => [key, form.get(`${destination.id}.${key}`) === "on"])),
    }));
    save.run({
      shortId: scheduleShortId,
      assignments: list.filter((entry) => EVENTS.some(({ key }) => (entry as Record<string, unknown>)[key])),
    });
  }

  const error = destinations.error ?? assignments.error;
  return (
    <Panel title="Notifications" description="Which destinations hear about this backup.">
      {error && <Alert tone="error">{error.message}</Alert>}
      {(!destinations.data || !assignments.data) && !error && (
        <p className="text-sm text-zinc-500">Loading notifications…</p>
      )}
      {destinations.data?.length === 0 && (
        <EmptyState title="No notification destinations">
          <LinkButton href="/notifications/new" className="mt-3">
            Add a destination
          </LinkButton>
        </EmptyState>
      )}
      {destinations.data && destinations.data.length > 0 && assignments.data && (
        <form onSubmit={onSubmit} onChange={() => setSaved(false)} className="flex flex-col gap-4">
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Notification assignments</caption>
              <thead className="text-[10px] text-zinc-500 uppercase sm:text-xs dark:text-zinc-400">
                <tr>
                  <th scope="col" className="py-2 pr-2 font-medium sm:pr-4">
                    Destination
                  </th>
                  {EVENTS.map(({ label }) => (
                    <th key={label} scope="col" className="px-1 py-2 text-center font-medium sm:px-2">
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {destinations.data.map((destination) => {
                  const current = assignments.data.find((entry) => entry.destinationId === destination.id);
                  return (
                    <tr key={destination.id}>
                      <th scope="row" className="py-2 pr-2 font-medium break-words sm:pr-4">
                        {destination.name}
                      </th>
                      {EVENTS.map(({ key, label }) => (
                        <td key={key} className="px-1 py-2 text-center sm:px-2">
                          <input
                            type="checkbox"
                            name={`${destination.id}.${key}`}
                            aria-label={`${destination.name}: ${label}`}
                            defaultChecked={current?.[key] ?? false}
                            className="size-4 accent-indigo-600"
                          />
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <FormFailure failure={save.failure} />
          <SaveRow label="Save notifications" pending={save.pending} saved={saved} />
        </form>
      )}
    </Panel>
  );
}
