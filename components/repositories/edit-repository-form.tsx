"use client";
import { useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { FormFailure } from "@/components/forms/form-failure";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { NameField, SelectField } from "@/components/ui/form-fields";
import { Panel } from "@/components/ui/panel";
import { useTRPC } from "@/lib/trpc/client";
import { updateRepositoryAction } from "@/server/actions/repositories.actions";
import type { RepositoryDto } from "@/server/repositories/repositories.schema";
import type { RepositoryBackend } from "@/server/repositories/repository-config.schema";
import { BackendFields, TlsFields } from "./backend-fields";
import { COMPRESSION_OPTIONS, readBackendConfig, readTlsOptions, shownConfigFields } from "./backends";

/**
 * Name, compression and backend settings. The config starts from the stored one, so fields the form does not show
 * (a custom password, bandwidth limits) and masked secrets (`********`) go back unchanged and are kept.
 */
export function EditRepositoryForm({ repository, onDone }: { repository: RepositoryDto; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const backend = repository.type as RepositoryBackend;
  const update = useServerAction(updateRepositoryAction, () => {
    queryClient.invalidateQueries({ queryKey: trpc.repositories.pathKey() });
    onDone();
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    update.run({
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
          <NameField defaultValue={repository.name} error={update.fieldError("name")} />
          <SelectField
            label="Compression"
            name="compressionMode"
            defaultValue={repository.compressionMode}
            options={COMPRESSION_OPTIONS}
          />
        </div>
        <BackendFields backend={backend} values={repository.config} errors={update.failure?.fieldErrors} />
        <TlsFields values={repository.config} />
        <FormFailure failure={update.failure} shownFields={["name", ...shownConfigFields(backend)]} />
        <div className="flex gap-2">
          <Button type="submit" pending={update.pending}>
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
