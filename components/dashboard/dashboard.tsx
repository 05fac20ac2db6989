"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { KIND_LABELS } from "@/components/activity/activity-log";
import { ScheduleCard } from "@/components/backups/schedule-card";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { Panel } from "@/components/ui/panel";
import { formatBytes, formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import type { TaskDto } from "@/server/tasks/task.schema";

/** The landing page: every schedule's state, storage per repository, and what failed lately. */
export function Dashboard() {
  return (
    <div className="flex flex-col gap-6">
      <Schedules />
      <div className="grid gap-6 lg:grid-cols-2">
        <Storage />
        <RecentFailures />
      </div>
    </div>
  );
}

function Schedules() {
  const trpc = useTRPC();
  const schedules = useQuery(trpc.backups.list.queryOptions());
  return (
    <section aria-labelledby="dashboard-schedules" className="flex flex-col gap-3">
      <h2 id="dashboard-schedules" className="text-base font-semibold">
        Backups
      </h2>
      {schedules.error && <Alert tone="error">{schedules.error.message}</Alert>}
      {!schedules.data && !schedules.error && <p className="text-sm text-zinc-500">Loading backups…</p>}
      {schedules.data?.length === 0 && (
        <EmptyState title="Nothing is backed up yet">
          <p>Add a volume and a repository, then a backup that ties them together.</p>
          <span className="mt-4 flex flex-wrap justify-center gap-2">
            <LinkButton href="/volumes/new" variant="secondary">
              Add a volume
            </LinkButton>
            <LinkButton href="/repositories/new" variant="secondary">
              Add a repository
            </LinkButton>
            <LinkButton href="/backups/new">Create a backup</LinkButton>
          </span>
        </EmptyState>
      )}
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {schedules.data?.map((schedule) => (
          <ScheduleCard key={schedule.shortId} schedule={schedule} />
        ))}
      </div>
    </section>
  );
}

function Storage() {
  const trpc = useTRPC();
  const repositories = useQuery(trpc.repositories.list.queryOptions());
  const rows = (repositories.data ?? []).map((repository) => ({
    repository,
    size: (repository.stats as { total_size?: number } | null)?.total_size ?? null,
  }));
  const largest = Math.max(1, ...rows.map((row) => row.size ?? 0));
  return (
    <Panel title="Storage used">
      {repositories.error && <Alert tone="error">{repositories.error.message}</Alert>}
      {rows.length === 0 && repositories.data && <p className="text-sm text-zinc-500">No repositories yet.</p>}
      <ul className="flex flex-col gap-3">
        {rows.map(({ repository, size }) => (
          <li key={repository.shortId} className="flex flex-col gap-1">
            <span className="flex items-baseline justify-between gap-2 text-sm">
              <Link
                href={`/repositories/${repository.shortId}`}
                className="truncate font-medium text-indigo-700 hover:underline dark:text-indigo-300"
              >
                {repository.name}
              </Link>
              <span className="shrink-0 tabular-nums">{size === null ? "Not computed yet" : formatBytes(size)}</span>
            </span>
            <span aria-hidden="true" className="h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
              <span
                className="block h-full rounded-full bg-indigo-500"
                style={{ width: `${((size ?? 0) / largest) * 100}%` }}
              />
            </span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}

function RecentFailures() {
  const trpc = useTRPC();
  const failed = useQuery(trpc.tasks.history.queryOptions({ status: "failed", page: 1, pageSize: 5 }));
  const items = (failed.data?.items ?? []) as TaskDto[];
  return (
    <Panel title="Recent failures">
      {failed.error && <Alert tone="error">{failed.error.message}</Alert>}
      {failed.data && items.length === 0 && <p className="text-sm text-zinc-500">No failures. All good.</p>}
      <ul className="flex flex-col divide-y divide-zinc-200 dark:divide-zinc-800">
        {items.map((task) => (
          <li key={task.id} className="flex flex-col gap-0.5 py-2 text-sm">
            <span className="flex flex-wrap justify-between gap-2">
              <span className="font-medium">
                {KIND_LABELS[task.kind]} <span className="font-mono text-xs text-zinc-500">{task.resourceId}</span>
              </span>
              <span className="text-xs text-zinc-500">{formatDateTime(task.finishedAt ?? task.createdAt)}</span>
            </span>
            {task.error && <span className="break-words text-red-700 dark:text-red-300">{task.error}</span>}
          </li>
        ))}
      </ul>
      {items.length > 0 && (
        <Link
          href="/activity"
          className="mt-3 inline-block text-sm text-indigo-700 hover:underline dark:text-indigo-300"
        >
          All activity
        </Link>
      )}
    </Panel>
  );
}
