"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { snapshotHomeHref } from "@/components/snapshots/snapshot-links";
import { TaskProgress } from "@/components/tasks/task-progress";
import { useTaskEvents } from "@/components/tasks/use-task-events";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { Panel } from "@/components/ui/panel";
import { formatBytes, formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";

const HEADINGS = ["ID", "Time", "Host", "Paths", "Tags", "Size"];

/** The repository's snapshots, newest first; several can be deleted at once (a task: forget and prune). */
export function SnapshotList({ shortId }: { shortId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { shortId };
  const snapshots = useQuery(trpc.repositories.snapshots.queryOptions(input));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const refreshRepository = () => queryClient.invalidateQueries({ queryKey: trpc.repositories.pathKey() });

  const refresh = useMutation(trpc.repositories.refreshSnapshots.mutationOptions({ onSuccess: refreshRepository }));
  const remove = useMutation(
    trpc.repositories.deleteSnapshots.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        setSelected(new Set());
      },
    }),
  );
  const { task } = useTaskEvents(remove.data?.taskId, refreshRepository);

  const rows = snapshots.data ?? [];
  const allSelected = rows.length > 0 && rows.every((snapshot) => selected.has(snapshot.id));
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const error = snapshots.error ?? refresh.error;

  return (
    <Panel title="Snapshots">
      <div className="flex flex-col gap-4">
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" pending={refresh.isPending} onClick={() => refresh.mutate(input)}>
            Refresh snapshots
          </Button>
          <Button variant="danger" disabled={selected.size === 0} onClick={() => setConfirming(true)}>
            Delete selected ({selected.size})
          </Button>
          <LinkButton variant="secondary" href={`/repositories/${shortId}/search`}>
            Search files
          </LinkButton>
          <LinkButton variant="secondary" href={`/repositories/${shortId}/diff`}>
            Compare snapshots
          </LinkButton>
        </div>
        {error && <Alert tone="error">{error.message}</Alert>}
        {task && <TaskProgress task={task} label="Deleting snapshots" />}
        {!snapshots.data && !snapshots.error && <p className="text-sm text-zinc-500">Loading snapshots…</p>}
        {snapshots.data?.length === 0 && (
          <EmptyState title="No snapshots yet">Backups stored in this repository will be listed here.</EmptyState>
        )}
        {rows.length > 0 && (
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Snapshots</caption>
              <thead className="text-xs text-zinc-500 uppercase dark:text-zinc-400">
                <tr>
                  <th scope="col" className="py-2 pr-3">
                    <input
                      type="checkbox"
                      aria-label="Select all snapshots"
                      checked={allSelected}
                      onChange={() => setSelected(new Set(allSelected ? [] : rows.map((snapshot) => snapshot.id)))}
                      className="size-4 accent-indigo-600"
                    />
                  </th>
                  {HEADINGS.map((heading) => (
                    <th key={heading} scope="col" className="py-2 pr-4 font-medium">
                      {heading}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {rows.map((snapshot) => (
                  <tr key={snapshot.id}>
                    <td className="py-2.5 pr-3">
                      <input
                        type="checkbox"
                        aria-label={`Select snapshot ${snapshot.short_id}`}
                        checked={selected.has(snapshot.id)}
                        onChange={() => toggle(snapshot.id)}
                        className="size-4 accent-indigo-600"
                      />
                    </td>
                    <td className="py-2.5 pr-4 font-mono text-xs">
                      <Link
                        href={snapshotHomeHref(shortId, snapshot)}
                        className="text-indigo-700 hover:underline dark:text-indigo-300"
                        aria-label={`Browse snapshot ${snapshot.short_id}`}
                      >
                        {snapshot.short_id}
                      </Link>
                    </td>
                    <td className="py-2.5 pr-4 whitespace-nowrap">{formatDateTime(snapshot.time)}</td>
                    <td className="py-2.5 pr-4">{snapshot.hostname}</td>
                    <td className="py-2.5 pr-4 font-mono text-xs break-all">{snapshot.paths.join(", ")}</td>
                    <td className="py-2.5 pr-4">{snapshot.tags.join(", ")}</td>
                    <td className="py-2.5 pr-4 whitespace-nowrap">{formatBytes(snapshot.size)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Delete ${selected.size} snapshot${selected.size === 1 ? "" : "s"}?`}
        confirmLabel="Delete snapshots"
        pending={remove.isPending}
        error={remove.error?.message}
        onConfirm={() => remove.mutate({ shortId, snapshotIds: [...selected] })}
        onCancel={() => setConfirming(false)}
      >
        <p>
          The snapshots are forgotten and the data only they use is pruned from the repository. This cannot be undone.
        </p>
      </ConfirmDialog>
    </Panel>
  );
}
