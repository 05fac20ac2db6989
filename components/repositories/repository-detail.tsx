"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CheckboxField } from "@/components/ui/form-fields";
import { PageHeader } from "@/components/ui/page-header";
import { useTRPC } from "@/lib/trpc/client";
import { deleteRepositoryAction } from "@/server/actions/repositories.actions";
import type { RepositoryDto } from "@/server/repositories/repositories.schema";
import { AdoptSnapshots } from "./adopt-snapshots";
import { backendLabel } from "./backends";
import { EditRepositoryForm } from "./edit-repository-form";
import { RepositoryDoctor } from "./repository-doctor";
import { RepositoryInfo } from "./repository-info";
import { RepositoryStats } from "./repository-stats";
import { SnapshotList } from "./snapshot-list";

export function RepositoryDetail({ shortId }: { shortId: string }) {
  const trpc = useTRPC();
  const repository = useQuery(trpc.repositories.get.queryOptions({ shortId }));
  const [editing, setEditing] = useState(false);

  if (repository.error) return <Alert tone="error">{repository.error.message}</Alert>;
  if (!repository.data) return <p className="text-sm text-zinc-500">Loading repository…</p>;
  const data = repository.data;
  return (
    <>
      <PageHeader
        title={data.name}
        description={`${backendLabel(data.type)} repository · ${data.shortId}`}
        actions={
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => setEditing(true)} disabled={editing}>
              Edit
            </Button>
            <UnlockButton shortId={shortId} />
            <DeleteRepositoryButton repository={data} />
          </div>
        }
      />
      <div className="flex flex-col gap-6">
        {editing ? (
          <EditRepositoryForm repository={data} onDone={() => setEditing(false)} />
        ) : (
          <RepositoryInfo repository={data} />
        )}
        <RepositoryStats repository={data} />
        <RepositoryDoctor repository={data} />
        <SnapshotList shortId={shortId} />
        {data.config.isExistingRepository === true && <AdoptSnapshots shortId={shortId} />}
      </div>
    </>
  );
}

/** Removes stale locks left by a restic process that died; the outcome is announced next to the button. */
function UnlockButton({ shortId }: { shortId: string }) {
  const trpc = useTRPC();
  const unlock = useMutation(trpc.repositories.unlock.mutationOptions());
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" pending={unlock.isPending} onClick={() => unlock.mutate({ shortId })}>
        Unlock
      </Button>
      <span role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
        {unlock.error?.message ?? unlock.data?.message}
      </span>
    </span>
  );
}

function DeleteRepositoryButton({ repository }: { repository: RepositoryDto }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [purge, setPurge] = useState(false);
  const remove = useServerAction(deleteRepositoryAction, () => {
    queryClient.removeQueries({ queryKey: trpc.repositories.get.queryKey({ shortId: repository.shortId }) });
    queryClient.invalidateQueries({ queryKey: trpc.repositories.list.queryKey() });
    router.push("/repositories");
  });
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete
      </Button>
      <ConfirmDialog
        open={open}
        title={`Delete repository ${repository.name}?`}
        confirmLabel="Delete repository"
        pending={remove.pending}
        error={remove.failure?.message}
        onConfirm={() => remove.run({ shortId: repository.shortId, purge })}
        onCancel={() => setOpen(false)}
      >
        <p>Zerobyte forgets the repository and its backup schedules.</p>
        <CheckboxField
          label="Also delete stored data"
          hint="Removes every snapshot and file of the repository from its storage. This cannot be undone."
          checked={purge}
          onChange={(event) => setPurge(event.target.checked)}
        />
      </ConfirmDialog>
    </>
  );
}
