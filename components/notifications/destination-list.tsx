"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { DESTINATION_STATUS, destinationLabel } from "./destination-types";

export function DestinationList() {
  const trpc = useTRPC();
  const destinations = useQuery(trpc.notifications.list.queryOptions());
  if (destinations.error) return <Alert tone="error">{destinations.error.message}</Alert>;
  if (!destinations.data) return <p className="text-sm text-zinc-500">Loading destinations…</p>;
  if (destinations.data.length === 0)
    return (
      <EmptyState title="No notification destinations yet">
        <p>Hear about backups by email, chat, push or a webhook.</p>
        <LinkButton href="/notifications/new" className="mt-4">
          Add your first destination
        </LinkButton>
      </EmptyState>
    );
  return (
    <DataTable
      caption="Notification destinations"
      headings={["Name", "Type", "Status", "Last checked"]}
      rows={destinations.data.map((destination) => {
        const status = DESTINATION_STATUS[destination.status] ?? DESTINATION_STATUS.unknown;
        return {
          key: String(destination.id),
          cells: [
            <Link
              key="name"
              href={`/notifications/${destination.id}`}
              className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
            >
              {destination.name}
            </Link>,
            destinationLabel(destination.type),
            <span key="status" className="flex flex-wrap gap-1.5">
              <StatusBadge status={status} />
              {!destination.enabled && <Badge tone="neutral">Disabled</Badge>}
            </span>,
            formatDateTime(destination.lastChecked),
          ],
        };
      })}
    />
  );
}
