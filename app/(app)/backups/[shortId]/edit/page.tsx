import type { Metadata } from "next";
import { EditSchedule } from "@/components/backups/edit-schedule";

export const metadata: Metadata = { title: "Edit backup · Zerobyte" };

export default async function EditBackupPage({ params }: { params: Promise<{ shortId: string }> }) {
  const { shortId } = await params;
  return <EditSchedule shortId={shortId} />;
}
