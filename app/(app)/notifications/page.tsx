import type { Metadata } from "next";
import { DestinationList } from "@/components/notifications/destination-list";
import { LinkButton } from "@/components/ui/link-button";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Notifications · Zerobyte" };

export default function NotificationsPage() {
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Where Zerobyte tells you how backups went."
        actions={<LinkButton href="/notifications/new">Add destination</LinkButton>}
      />
      <DestinationList />
    </>
  );
}
