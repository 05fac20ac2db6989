"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Alert } from "@/components/ui/alert";
import { StatusBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DefinitionList } from "@/components/ui/definition-list";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { Tabs } from "@/components/ui/tabs";
import { UsageBar } from "@/components/ui/usage-bar";
import type { VolumeBackend } from "@/db/schema/volumes";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { deleteVolumeAction, volumeOperationAction } from "@/server/actions/volumes.actions";
import type { VolumeDto } from "@/server/volumes/volumes.schema";
import { VOLUME_FIELDS, VOLUME_STATUS, volumeBackendLabel } from "./volume-backends";
import { VolumeFiles } from "./volume-files";
import { VolumeForm } from "./volume-form";

export function VolumeDetail({ shortId }: { shortId: string }) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.volumes.get.queryOptions({ shortId }));
  const [editing, setEditing] = useState(false);
  if (detail.error) return <Alert tone="error">{detail.error.message}</Alert>;
  if (!detail.data) return <p className="text-sm text-zinc-500">Loading volume…</p>;
  const { volume, statfs } = detail.data;
  return (
    <>
      <PageHeader
        title={volume.name}
        description={`${volumeBackendLabel(volume.type)} · ${volume.shortId}`}
        actions={
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => setEditing(true)} disabled={editing}>
              Edit
            </Button>
            <DeleteVolumeButton volume={volume} />
          </div>
        }
      />
      <Tabs
        label="Volume"
        tabs={[
          {
            value: "configuration",
            label: "Configuration",
            content: editing ? (
              <VolumeForm volume={volume} onDone={() => setEditing(false)} />
            ) : (
              <>
                <VolumeState volume={volume} />
                <Panel title="Disk usage">
                  {statfs.total > 0 ? (
                    <UsageBar label="Disk usage" used={statfs.used} total={statfs.total} />
                  ) : (
                    <p className="text-sm text-zinc-500">Known once the volume is mounted.</p>
                  )}
                </Panel>
              </>
            ),
          },
          {
            value: "files",
            label: "Files",
            content: (
              <Panel title="Files">
                <VolumeFiles shortId={volume.shortId} />
              </Panel>
            ),
          },
        ]}
      />
    </>
  );
}

const OPERATIONS = [
  { operation: "mount", label: "Mount" },
  { operation: "unmount", label: "Unmount" },
  { operation: "healthCheck", label: "Health check" },
] as const;

function VolumeState({ volume }: { volume: VolumeDto }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const operate = useServerAction(volumeOperationAction, () =>
    queryClient.invalidateQueries({ queryKey: trpc.volumes.pathKey() }),
  );
  const fields = VOLUME_FIELDS[volume.type as VolumeBackend] ?? [];
  const status = VOLUME_STATUS[volume.status];
  return (
    <Panel title="Status and settings">
      <div className="flex flex-col gap-4">
        <DefinitionList
          items={[
            ["Status", <StatusBadge key="status" status={status} />],
            ["Last health check", formatDateTime(volume.lastHealthCheck)],
            ...(volume.lastError ? ([["Last error", volume.lastError]] as const) : []),
            [
              "Folder backups read",
              <code key="path" className="font-mono text-xs">
                {volume.path}
              </code>,
            ],
            ["Remount automatically", volume.autoRemount ? "Yes" : "No"],
            ...fields
              .filter((field) => volume.config[field.name] !== undefined && volume.config[field.name] !== "")
              .map((field) => [field.label, showValue(volume.config[field.name])] as const),
          ]}
        />
        {operate.failure && <Alert tone="error">{operate.failure.message}</Alert>}
        {operate.data?.error && <Alert tone="error">{operate.data.error}</Alert>}
        <div className="flex flex-wrap gap-2">
          {OPERATIONS.map(({ operation, label }) => (
            <Button
              key={operation}
              variant="secondary"
              pending={operate.pending}
              onClick={() => operate.run({ shortId: volume.shortId, operation })}
            >
              {label}
            </Button>
          ))}
        </div>
      </div>
    </Panel>
  );
}

const showValue = (value: unknown) => (typeof value === "boolean" ? (value ? "Yes" : "No") : String(value));

function DeleteVolumeButton({ volume }: { volume: VolumeDto }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const remove = useServerAction(deleteVolumeAction, () => {
    queryClient.removeQueries({ queryKey: trpc.volumes.get.queryKey({ shortId: volume.shortId }) });
    queryClient.invalidateQueries({ queryKey: trpc.volumes.list.queryKey() });
    queryClient.invalidateQueries({ queryKey: trpc.backups.pathKey() });
    router.push("/volumes");
  });
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete
      </Button>
      <ConfirmDialog
        open={open}
        title={`Delete volume ${volume.name}?`}
        confirmLabel="Delete volume"
        pending={remove.pending}
        error={remove.failure?.message}
        onConfirm={() => remove.run({ shortId: volume.shortId })}
        onCancel={() => setOpen(false)}
      >
        <p>
          The volume is unmounted and forgotten, with its backup schedules. Snapshots already made stay in their
          repositories.
        </p>
      </ConfirmDialog>
    </>
  );
}
