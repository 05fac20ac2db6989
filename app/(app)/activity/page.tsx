import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ActivityLog } from "@/components/activity/activity-log";
import { AuditLog } from "@/components/activity/audit-log";
import { PageHeader } from "@/components/ui/page-header";
import { Tabs } from "@/components/ui/tabs";
import { getPageAuth } from "@/server/trpc/server-auth";

export const metadata: Metadata = { title: "Activity · Zerobyte" };

// History lives here: task runs for everyone, and for instance admins the audit log of who deleted or changed what.
export default async function ActivityPage() {
  const auth = await getPageAuth();
  if (!auth) redirect("/login");
  if (auth.user.role !== "admin") {
    return (
      <>
        <PageHeader title="Activity" description="Every backup, restore and maintenance task, as it happens." />
        <ActivityLog />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Activity"
        description="Every backup, restore and maintenance task, as it happens, and the audit log of destructive and security actions."
      />
      <Tabs
        label="Activity"
        tabs={[
          { value: "tasks", label: "Tasks", content: <ActivityLog /> },
          { value: "audit", label: "Audit log", content: <AuditLog /> },
        ]}
      />
    </>
  );
}
