import type { Metadata } from "next";
import { Dashboard } from "@/components/dashboard/dashboard";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Dashboard · Zerobyte" };

/** The landing page after sign-in (the layout sends visitors without a session to /login, then onboarding). */
export default function DashboardPage() {
  return (
    <>
      <PageHeader title="Dashboard" description="How your backups are doing." />
      <Dashboard />
    </>
  );
}
