"use client";
import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { useTRPC } from "@/lib/trpc/client";
import { ScheduleCard } from "./schedule-card";

export function ScheduleList() {
  const trpc = useTRPC();
  const schedules = useQuery(trpc.backups.list.queryOptions());
  if (schedules.error) return <Alert tone="error">{schedules.error.message}</Alert>;
  if (!schedules.data) return <p className="text-sm text-zinc-500">Loading backups…</p>;
  if (schedules.data.length === 0)
    return (
      <EmptyState title="No backups yet">
        <p>A backup takes a volume and stores its snapshots in a repository, on a schedule or by hand.</p>
        <LinkButton href="/backups/new" className="mt-4">
          Create your first backup
        </LinkButton>
      </EmptyState>
    );
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {schedules.data.map((schedule) => (
        <ScheduleCard key={schedule.shortId} schedule={schedule} />
      ))}
    </div>
  );
}
