import type { Metadata } from "next";
import { ActivityLog } from "@/components/activity/activity-log";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Activity · Zerobyte" };

export default function ActivityPage() {
  return (
    <>
      <PageHeader title="Activity" description="Every backup, restore and maintenance task, as it happens." />
      <ActivityLog />
    </>
  );
}
