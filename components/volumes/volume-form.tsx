"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { ConfigFields } from "@/components/forms/config-fields";
import { FormFailure } from "@/components/forms/form-failure";
import { useServerAction } from "@/components/forms/use-server-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CheckboxField, NameField, SelectField } from "@/components/ui/form-fields";
import { Panel } from "@/components/ui/panel";
import type { VolumeBackend } from "@/db/schema/volumes";
import { useTRPC } from "@/lib/trpc/client";
import { createVolumeAction, testVolumeConnectionAction, updateVolumeAction } from "@/server/actions/volumes.actions";
import type { VolumeDto } from "@/server/volumes/volumes.schema";
import { HostFolderField } from "./host-folder-field";
import { readVolumeConfig, shownVolumeFields, VOLUME_BACKEND_LABELS, VOLUME_FIELDS } from "./volume-backends";

/**
 * Creates a volume (mounted, or for a directory checked, before it is stored) or edits one: name, backend settings,
 * auto-remount, and "Test connection", which mounts the settings into a temporary folder and unmounts them again.
 */
export function VolumeForm({ volume, onDone }: { volume?: VolumeDto; onDone?: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const system = useQuery(trpc.system.info.queryOptions());
  const formRef = useRef<HTMLFormElement>(null);
  const [chosen, setChosen] = useState<VolumeBackend>((volume?.type as VolumeBackend) ?? "directory");
  const usable = (system.data?.capabilities.volumeBackends ?? ["directory"]) as VolumeBackend[];
  const backend = volume ? chosen : usable.includes(chosen) ? chosen : usable[0];

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.volumes.pathKey() });
  const create = useServerAction(createVolumeAction, (created) => {
    refresh();
    router.push(`/volumes/${created.shortId}`);
  });
  const update = useServerAction(updateVolumeAction, () => {
    refresh();
    onDone?.();
  });
  const test = useServerAction(testVolumeConnectionAction);
  const save = volume ? update : create;

  function values(form: FormData) {
    const config = readVolumeConfig(backend, form);
    return {
      name: String(form.get("name") ?? ""),
      autoRemount: form.get("autoRemount") === "on",
      // Masked secrets and fields the form does not show go back as stored, so they are kept.
      config: volume ? { ...volume.config, ...config } : config,
    };
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = values(new FormData(event.currentTarget));
    save.run(volume ? { shortId: volume.shortId, ...input } : input);
  }

  function testConnection() {
    if (!formRef.current?.reportValidity()) return;
    test.run({ config: values(new FormData(formRef.current)).config });
  }

  const errors = save.failure?.fieldErrors ?? test.failure?.fieldErrors;
  return (
    <form ref={formRef} onSubmit={onSubmit} className="flex flex-col gap-6" noValidate={false}>
      <Panel title={volume ? "Edit volume" : "Volume"}>
        <div className="grid gap-4 sm:grid-cols-2">
          <NameField defaultValue={volume?.name} placeholder="e.g. photos" error={save.fieldError("name")} />
          <SelectField
            label="Backend"
            name="backend"
            value={backend}
            disabled={Boolean(volume)}
            hint={volume ? "A volume's backend cannot change." : undefined}
            onChange={(event) => {
              setChosen(event.target.value as VolumeBackend);
              test.reset();
            }}
            options={(volume ? [backend] : usable).map((value) => ({ value, label: VOLUME_BACKEND_LABELS[value] }))}
          />
          <CheckboxField
            asSwitch
            name="autoRemount"
            label="Remount automatically"
            hint="When a health check finds the volume dead, mount it again."
            defaultChecked={volume?.autoRemount ?? true}
            className="sm:col-span-2"
          />
        </div>
      </Panel>
      <Panel title={`${VOLUME_BACKEND_LABELS[backend]} settings`}>
        <ConfigFields
          key={backend}
          fields={VOLUME_FIELDS[backend]}
          values={volume?.config}
          errors={errors}
          render={(field, common) =>
            backend === "directory" && field.name === "path" ? <HostFolderField {...common} /> : undefined
          }
        />
      </Panel>
      <FormFailure failure={save.failure ?? test.failure} shownFields={["name", ...shownVolumeFields(backend)]} />
      {test.data && <Alert tone={test.data.success ? "success" : "error"}>{test.data.message}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={save.pending}>
          {volume ? "Save changes" : "Create volume"}
        </Button>
        <Button variant="secondary" onClick={testConnection} pending={test.pending}>
          Test connection
        </Button>
        {onDone && (
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
