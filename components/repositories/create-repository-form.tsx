"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { FormFailure } from "@/components/forms/form-failure";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { CheckboxField, NameField, SelectField, TextField } from "@/components/ui/form-fields";
import { Panel } from "@/components/ui/panel";
import { useTRPC } from "@/lib/trpc/client";
import { createRepositoryAction } from "@/server/actions/repositories.actions";
import type { RepositoryBackend } from "@/server/repositories/repository-config.schema";
import { BackendFields, TlsFields } from "./backend-fields";
import { BACKEND_LABELS, COMPRESSION_OPTIONS, readBackendConfig, readTlsOptions, shownConfigFields } from "./backends";

/** Creates (restic init) or imports a repository, then opens its page. */
export function CreateRepositoryForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const system = useQuery(trpc.system.info.queryOptions());
  const [chosenBackend, setBackend] = useState<RepositoryBackend>("local");
  const [importing, setImporting] = useState(false);
  const create = useServerAction(createRepositoryAction, ({ repository }) => {
    queryClient.invalidateQueries({ queryKey: trpc.repositories.list.queryKey() });
    router.push(`/repositories/${repository.shortId}`);
  });

  // Only the backends this host can use (rclone needs the rclone binary).
  const usable = (system.data?.capabilities.repositoryBackends ?? ["local"]) as RepositoryBackend[];
  const backend = usable.includes(chosenBackend) ? chosenBackend : usable[0];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const customPassword = String(form.get("customPassword") ?? "");
    create.run({
      name: String(form.get("name")),
      compressionMode: String(form.get("compressionMode")) as (typeof COMPRESSION_OPTIONS)[number]["value"],
      config: {
        ...readBackendConfig(backend, form),
        ...readTlsOptions(form),
        isExistingRepository: importing,
        customPassword: importing && customPassword ? customPassword : undefined,
      },
    });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-6">
      <Panel title="Repository">
        <div className="grid gap-4 sm:grid-cols-2">
          <NameField placeholder="e.g. nas-backups" error={create.fieldError("name")} />
          <SelectField label="Compression" name="compressionMode" defaultValue="auto" options={COMPRESSION_OPTIONS} />
          <SelectField
            label="Backend"
            name="backend"
            value={backend}
            onChange={(event) => setBackend(event.target.value as RepositoryBackend)}
            options={usable.map((value) => ({ value, label: BACKEND_LABELS[value] ?? value }))}
          />
        </div>
      </Panel>
      <Panel title={`${BACKEND_LABELS[backend]} settings`}>
        <div className="flex flex-col gap-4">
          <BackendFields backend={backend} errors={create.failure?.fieldErrors} />
          <TlsFields />
        </div>
      </Panel>
      <Panel title="Existing repository">
        <div className="flex flex-col gap-4">
          <CheckboxField
            asSwitch
            label="Import existing repository"
            hint="Use a repository restic already initialised at this location instead of creating a new one."
            checked={importing}
            onChange={(event) => setImporting(event.target.checked)}
          />
          {importing && (
            <TextField
              label="Repository password (optional)"
              name="customPassword"
              type="password"
              autoComplete="new-password"
              hint="Leave empty if the repository uses this organization's recovery key."
              className="max-w-md"
            />
          )}
        </div>
      </Panel>
      <FormFailure failure={create.failure} shownFields={["name", ...shownConfigFields(backend)]} />
      <div className="flex gap-2">
        <Button type="submit" pending={create.pending}>
          {importing ? "Import repository" : "Create repository"}
        </Button>
      </div>
    </form>
  );
}
