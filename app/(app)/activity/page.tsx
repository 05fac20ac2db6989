import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Activity · Zerobyte" };

export default function ActivityPage() {
  return <ComingSoon title="Activity" description="The history of backups, restores and maintenance tasks." />;
}
