import type { Metadata } from "next";
import { ScheduleForm } from "@/components/backups/schedule-form";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Create backup · Zerobyte" };

export default function NewBackupPage() {
  return (
    <>
      <PageHeader title="Create backup" description="What to back up, where to, when, and how long to keep it." />
      <ScheduleForm />
    </>
  );
}
