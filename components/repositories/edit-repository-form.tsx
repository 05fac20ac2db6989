"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/form-fields";
import { Panel } from "@/components/ui/panel";
import { useTRPC } from "@/lib/trpc/client";
import type { RepositoryDto } from "@/server/repositories/repositories.schema";
import type { RepositoryBackend } from "@/server/repositories/repository-config.schema";
import { BackendFields, TlsFields } from "./backend-fields";
import { COMPRESSION_OPTIONS, readBackendConfig, readTlsOptions } from "./backends";

/**
 * Name, compression and backend settings. The config starts from the stored one, so fields the form does not show
 * (a custom password, bandwidth limits) and masked secrets (`********`) go back unchanged and are kept.
 */
export function EditRepositoryForm({ repository, onDone }: { repository: RepositoryDto; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const backend = repository.type as RepositoryBackend;
  const update = useMutation(
    trpc.repositories.update.mutationOptions({
      onSuccess: () => {
        queryClient.invalidateQueries({ queryKey: trpc.repositories.pathKey() });
        onDone();
      },
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    update.mutate({
      shortId: repository.shortId,
      name: String(form.get("name")),
      compressionMode: String(form.get("compressionMode")) as RepositoryDto["compressionMode"],
      config: { ...repository.config, ...readBackendConfig(backend, form), ...readTlsOptions(form) },
    });
  }

  return (
    <Panel title="Edit repository" description="Changing the backend settings checks that the repository still opens.">
      <form onSubmit={onSubmit} className="flex flex-col gap-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Name" name="name" required maxLength={128} defaultValue={repository.name} />
          <SelectField
            label="Compression"
            name="compressionMode"
            defaultValue={repository.compressionMode}
            options={COMPRESSION_OPTIONS}
          />
        </div>
        <BackendFields backend={backend} values={repository.config} />
        <TlsFields values={repository.config} />
        {update.error && <Alert tone="error">{update.error.message}</Alert>}
        <div className="flex gap-2">
          <Button type="submit" pending={update.isPending}>
            Save changes
          </Button>
          <Button variant="secondary" onClick={onDone}>
            Cancel
          </Button>
        </div>
      </form>
    </Panel>
  );
}
