"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { snapshotHomeHref } from "@/components/snapshots/snapshot-links";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { Panel } from "@/components/ui/panel";
import { formatBytes, formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import type { ScheduleWithLinks } from "./schedule-card";

/** The snapshots this schedule made, newest first, each opening the snapshot browser. */
export function SnapshotTimeline({ schedule }: { schedule: ScheduleWithLinks }) {
  const trpc = useTRPC();
  const repository = schedule.repository.shortId;
  const snapshots = useQuery(
    trpc.repositories.snapshots.queryOptions({ shortId: repository, backupId: schedule.shortId }),
  );
  const rows = [...(snapshots.data ?? [])].sort((a, b) => b.time - a.time);
  return (
    <Panel title="Snapshots">
      {snapshots.error && <Alert tone="error">{snapshots.error.message}</Alert>}
      {!snapshots.data && !snapshots.error && <p className="text-sm text-zinc-500">Loading snapshots…</p>}
      {snapshots.data?.length === 0 && (
        <EmptyState title="No snapshots yet">Run the backup to make the first one.</EmptyState>
      )}
      {rows.length > 0 && (
        <ol className="relative flex flex-col gap-3 border-l border-zinc-200 pl-5 dark:border-zinc-800">
          {rows.map((snapshot) => (
            <li key={snapshot.id} className="relative">
              <span
                aria-hidden="true"
                className="absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full bg-indigo-500"
              />
              <Link
                href={snapshotHomeHref(repository, snapshot)}
                className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
              >
                {formatDateTime(snapshot.time)}
              </Link>
              <span className="ml-2 font-mono text-xs text-zinc-500">{snapshot.short_id}</span>
              {snapshot.size ? <span className="ml-2 text-xs text-zinc-500">{formatBytes(snapshot.size)}</span> : null}
              {snapshot.retentionCategories.length > 0 && (
                <span className="ml-2 text-xs text-zinc-500">kept as {snapshot.retentionCategories.join(", ")}</span>
              )}
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
