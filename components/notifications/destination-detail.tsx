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
import type { NotificationType } from "@/db/schema/notifications";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import {
  deleteDestinationAction,
  testDestinationAction,
  updateDestinationAction,
} from "@/server/actions/notifications.actions";
import { DestinationForm } from "./destination-form";
import { DESTINATION_FIELDS, DESTINATION_STATUS, destinationLabel } from "./destination-types";

const show = (value: unknown) =>
  Array.isArray(value) ? value.join(", ") : typeof value === "boolean" ? (value ? "Yes" : "No") : String(value);

export function DestinationDetail({ id }: { id: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.notifications.get.queryOptions({ id }));
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
  const test = useServerAction(testDestinationAction, refresh);
  const toggle = useServerAction(updateDestinationAction, refresh);
  const remove = useServerAction(deleteDestinationAction, () => {
    queryClient.removeQueries({ queryKey: trpc.notifications.get.queryKey({ id }) });
    queryClient.invalidateQueries({ queryKey: trpc.notifications.list.queryKey() });
    router.push("/notifications");
  });
  if (query.error) return <Alert tone="error">{query.error.message}</Alert>;
  if (!query.data) return <p className="text-sm text-zinc-500">Loading destination…</p>;
  const destination = query.data;
  const status = DESTINATION_STATUS[destination.status] ?? DESTINATION_STATUS.unknown;
  const fields = DESTINATION_FIELDS[destination.type as NotificationType] ?? [];
  return (
    <>
      <PageHeader
        title={destination.name}
        description={destinationLabel(destination.type)}
        actions={
          <div className="flex flex-wrap gap-2">
            <Button pending={test.pending} onClick={() => test.run({ id })}>
              Send test
            </Button>
            <Button
              variant="secondary"
              pending={toggle.pending}
              onClick={() => toggle.run({ id, enabled: !destination.enabled })}
            >
              {destination.enabled ? "Disable" : "Enable"}
            </Button>
            <Button variant="secondary" onClick={() => setEditing(true)} disabled={editing}>
              Edit
            </Button>
            <Button variant="danger" onClick={() => setConfirming(true)}>
              Delete
            </Button>
          </div>
        }
      />
      <div className="flex flex-col gap-6">
        <div aria-live="polite">
          {test.data && <Alert tone="success">Test message delivered.</Alert>}
          {test.failure && <Alert tone="error">Test failed: {test.failure.message}</Alert>}
          {toggle.failure && <Alert tone="error">{toggle.failure.message}</Alert>}
        </div>
        {editing ? (
          <DestinationForm destination={destination} onDone={() => setEditing(false)} />
        ) : (
          <Panel title="Settings">
            <DefinitionList
              items={[
                ["Status", <StatusBadge key="status" status={status} />],
                ["Enabled", destination.enabled ? "Yes" : "No"],
                ["Last checked", formatDateTime(destination.lastChecked)],
                ...(destination.lastError ? ([["Last error", destination.lastError]] as const) : []),
                ...fields
                  .filter(
                    (field) => destination.config[field.name] !== undefined && destination.config[field.name] !== "",
                  )
                  .map((field) => [field.label, show(destination.config[field.name])] as const),
              ]}
            />
          </Panel>
        )}
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Delete destination ${destination.name}?`}
        confirmLabel="Delete destination"
        pending={remove.pending}
        error={remove.failure?.message}
        onConfirm={() => remove.run({ id })}
        onCancel={() => setConfirming(false)}
      >
        <p>Backups stop notifying it.</p>
      </ConfirmDialog>
    </>
  );
}
