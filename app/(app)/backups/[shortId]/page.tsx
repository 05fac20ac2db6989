import type { Metadata } from "next";
import { ScheduleDetail } from "@/components/backups/schedule-detail";

export const metadata: Metadata = { title: "Backup · Zerobyte" };

export default async function BackupPage({ params }: { params: Promise<{ shortId: string }> }) {
  const { shortId } = await params;
  return <ScheduleDetail shortId={shortId} />;
}
