import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Backups · Zerobyte" };

export default function BackupsPage() {
  return <ComingSoon title="Backups" description="Backup schedules: what is backed up, where to, and when." />;
}
