import type { Metadata } from "next";
import { ScheduleList } from "@/components/backups/schedule-list";
import { LinkButton } from "@/components/ui/link-button";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Backups · Zerobyte" };

export default function BackupsPage() {
  return (
    <>
      <PageHeader
        title="Backups"
        description="Schedules that back up a volume into a repository."
        actions={<LinkButton href="/backups/new">Create backup</LinkButton>}
      />
      <ScheduleList />
    </>
  );
}
