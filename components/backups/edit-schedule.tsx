"use client";
import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { useTRPC } from "@/lib/trpc/client";
import { ScheduleForm } from "./schedule-form";

export function EditSchedule({ shortId }: { shortId: string }) {
  const trpc = useTRPC();
  const schedule = useQuery(trpc.backups.get.queryOptions({ shortId }));
  if (schedule.error) return <Alert tone="error">{schedule.error.message}</Alert>;
  if (!schedule.data) return <p className="text-sm text-zinc-500">Loading backup…</p>;
  return (
    <>
      <PageHeader title={`Edit ${schedule.data.name}`} />
      <ScheduleForm schedule={schedule.data} />
    </>
  );
}
