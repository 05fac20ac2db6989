"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { VOLUME_STATUS, volumeBackendLabel } from "./volume-backends";

export function VolumeList() {
  const trpc = useTRPC();
  const volumes = useQuery(trpc.volumes.list.queryOptions());
  if (volumes.error) return <Alert tone="error">{volumes.error.message}</Alert>;
  if (!volumes.data) return <p className="text-sm text-zinc-500">Loading volumes…</p>;
  if (volumes.data.length === 0)
    return (
      <EmptyState title="No volumes yet">
        <p>A volume is a folder or a network share your backups read from.</p>
        <LinkButton href="/volumes/new" className="mt-4">
          Create your first volume
        </LinkButton>
      </EmptyState>
    );
  return (
    <DataTable
      caption="Volumes"
      headings={["Name", "Backend", "Status", "Last health check"]}
      rows={volumes.data.map((volume) => ({
        key: volume.shortId,
        cells: [
          <Link
            key="name"
            href={`/volumes/${volume.shortId}`}
            className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
          >
            {volume.name}
          </Link>,
          volumeBackendLabel(volume.type),
          <Badge key="status" tone={VOLUME_STATUS[volume.status].tone}>
            {VOLUME_STATUS[volume.status].label}
          </Badge>,
          formatDateTime(volume.lastHealthCheck),
        ],
      }))}
    />
  );
}
