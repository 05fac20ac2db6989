"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { ConfigFields } from "@/components/forms/config-fields";
import { FormFailure } from "@/components/forms/form-failure";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { CheckboxField, NameField, SelectField } from "@/components/ui/form-fields";
import { Panel } from "@/components/ui/panel";
import { NOTIFICATION_TYPES, type NotificationType } from "@/db/schema/notifications";
import { useTRPC } from "@/lib/trpc/client";
import { createDestinationAction, updateDestinationAction } from "@/server/actions/notifications.actions";
import type { DestinationDto } from "@/server/notifications/notifications.schema";
import {
  DESTINATION_FIELDS,
  DESTINATION_LABELS,
  readDestinationConfig,
  shownDestinationFields,
} from "./destination-types";

/** A form per channel; editing sends masked secrets back unchanged, which keeps them. */
export function DestinationForm({ destination, onDone }: { destination?: DestinationDto; onDone?: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [type, setType] = useState<NotificationType>(destination?.type ?? "generic");
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
  const create = useServerAction(createDestinationAction, (created) => {
    refresh();
    router.push(`/notifications/${created.id}`);
  });
  const update = useServerAction(updateDestinationAction, () => {
    refresh();
    onDone?.();
  });
  const save = destination ? update : create;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      enabled: form.get("enabled") === "on",
      config: readDestinationConfig(type, form),
    };
    save.run(destination ? { id: destination.id, ...input } : input);
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-6">
      <Panel title={destination ? "Edit destination" : "Destination"}>
        <div className="grid gap-4 sm:grid-cols-2">
          <NameField defaultValue={destination?.name} placeholder="e.g. Ops channel" error={save.fieldError("name")} />
          <SelectField
            label="Type"
            name="type"
            value={type}
            disabled={Boolean(destination)}
            onChange={(event) => setType(event.target.value as NotificationType)}
            options={NOTIFICATION_TYPES.map((value) => ({ value, label: DESTINATION_LABELS[value] }))}
          />
          <CheckboxField
            asSwitch
            name="enabled"
            label="Enabled"
            hint="A disabled destination keeps its settings and hears nothing."
            defaultChecked={destination?.enabled ?? true}
            className="sm:col-span-2"
          />
        </div>
      </Panel>
      <Panel title={`${DESTINATION_LABELS[type]} settings`}>
        <ConfigFields
          key={type}
          fields={DESTINATION_FIELDS[type]}
          values={destination?.config}
          errors={save.failure?.fieldErrors}
        />
      </Panel>
      <FormFailure failure={save.failure} shownFields={["name", ...shownDestinationFields(type)]} />
      <div className="flex gap-2">
        <Button type="submit" pending={save.pending}>
          {destination ? "Save changes" : "Create destination"}
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
