import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Notifications · Zerobyte" };

export default function NotificationsPage() {
  return <ComingSoon title="Notifications" description="Where Zerobyte reports how your backups went." />;
}
