"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { FormFailure } from "@/components/forms/form-failure";
import { useServerAction } from "@/components/forms/use-server-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Disclosure } from "@/components/ui/disclosure";
import { EmptyState } from "@/components/ui/empty-state";
import { CheckboxField, NameField, SelectField } from "@/components/ui/form-fields";
import { LinkButton } from "@/components/ui/link-button";
import { Panel } from "@/components/ui/panel";
import { useTRPC } from "@/lib/trpc/client";
import { createScheduleAction, updateScheduleAction } from "@/server/actions/backups.actions";
import type { ScheduleDto } from "@/server/backups/backups.schema";
import { cronFor, frequencyOf } from "./frequency";
import { FrequencyFields } from "./frequency-fields";
import { PathPickerField } from "./path-picker-field";
import { AdvancedFields, PatternFields, RetentionFields, readScheduleFields, WebhookFields } from "./schedule-fields";

const COMPRESSION = [
  { value: "", label: "As the repository" },
  { value: "auto", label: "Auto" },
  { value: "max", label: "Max" },
  { value: "off", label: "Off" },
];

/** Fields shown next to their control; any other error is listed above the submit button. */
const SHOWN = [
  "name",
  "volumeId",
  "repositoryId",
  "cronExpression",
  "timezone",
  "includePaths",
  "includePatterns",
  "excludePatterns",
  "excludeIfPresent",
  "maxRetries",
  "retryDelay",
  "customResticParams",
];

const ADVANCED = ["maxRetries", "retryDelay", "customResticParams"];

const hasWebhooks = (schedule: ScheduleDto | undefined, errors: Record<string, string>) =>
  Boolean(schedule?.backupWebhooks?.pre || schedule?.backupWebhooks?.post) ||
  Object.keys(errors).some((key) => key.startsWith("backupWebhooks"));

/** Creates a backup schedule, or edits one (its volume stays: its snapshots would mix). */
export function ScheduleForm({ schedule }: { schedule?: ScheduleDto & { volume?: Record<string, unknown> } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const volumes = useQuery(trpc.volumes.list.queryOptions());
  const repositories = useQuery(trpc.repositories.list.queryOptions());
  const [volumeShortId, setVolume] = useState<string | null>((schedule?.volume?.shortId as string) ?? null);
  const [frequency, setFrequency] = useState(() => frequencyOf(schedule?.cronExpression ?? "0 2 * * *"));
  const [timezone, setTimezone] = useState(schedule?.timezone ?? "");
  const [includePaths, setIncludePaths] = useState<string[]>(schedule?.includePaths ?? []);
  // Picked folders to leave out, added to the typed patterns as patterns anchored at the volume's root.
  const [excludedPaths, setExcludedPaths] = useState<string[]>([]);
  const done = (saved: { shortId: string }) => {
    queryClient.invalidateQueries({ queryKey: trpc.backups.pathKey() });
    router.push(`/backups/${saved.shortId}`);
  };
  const create = useServerAction(createScheduleAction, done);
  const update = useServerAction(updateScheduleAction, done);
  const save = schedule ? update : create;
  const errors = save.failure?.fieldErrors ?? {};
  const volumeId = volumeShortId ?? volumes.data?.[0]?.shortId ?? null;

  const listError = volumes.error ?? repositories.error;
  if (listError) return <Alert tone="error">{listError.message}</Alert>;
  if (!volumes.data || !repositories.data)
    return <p className="text-sm text-zinc-500">Loading volumes and repositories…</p>;
  if (volumes.data.length === 0 || repositories.data.length === 0) {
    return (
      <EmptyState title="A backup needs a volume and a repository">
        <span className="mt-4 flex flex-wrap justify-center gap-2">
          {volumes.data.length === 0 && <LinkButton href="/volumes/new">Add a volume</LinkButton>}
          {repositories.data.length === 0 && <LinkButton href="/repositories/new">Add a repository</LinkButton>}
        </span>
      </EmptyState>
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const cronExpression = cronFor(frequency);
    const fields = readScheduleFields(form);
    const common = {
      name: String(form.get("name") ?? ""),
      repositoryId: String(form.get("repositoryId") ?? ""),
      cronExpression,
      // A manual-only schedule has no time to run at; it is started with "Backup now".
      enabled: cronExpression !== "" && form.get("enabled") === "on",
      timezone: timezone.trim() || null,
      includePaths,
      compressionMode: String(form.get("compressionMode") ?? "") || null,
      ...fields,
      excludePatterns: [...fields.excludePatterns, ...excludedPaths],
    };
    save.run(schedule ? { shortId: schedule.shortId, ...common } : { ...common, volumeId });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-6">
      <Panel title="Source and destination">
        <div className="grid gap-4 sm:grid-cols-2">
          <NameField defaultValue={schedule?.name} placeholder="e.g. Photos nightly" error={errors.name} />
          <SelectField
            label="Volume"
            name="volumeId"
            value={volumeId ?? ""}
            disabled={Boolean(schedule)}
            onChange={(event) => {
              setVolume(event.target.value);
              setIncludePaths([]);
              setExcludedPaths([]);
            }}
            options={volumes.data.map((volume) => ({ value: volume.shortId, label: volume.name }))}
            error={errors.volumeId}
            required
          />
          <SelectField
            label="Repository"
            name="repositoryId"
            defaultValue={schedule?.repositoryId}
            options={repositories.data.map((repository) => ({
              value: repository.shortId,
              label: repository.name,
            }))}
            error={errors.repositoryId}
            required
          />
          <SelectField
            label="Compression"
            name="compressionMode"
            defaultValue={schedule?.compressionMode ?? ""}
            options={COMPRESSION}
          />
        </div>
      </Panel>
      <Panel title="When">
        <div className="flex flex-col gap-4">
          <FrequencyFields
            state={frequency}
            onChange={setFrequency}
            timezone={timezone}
            onTimezoneChange={setTimezone}
            errors={errors}
          />
          {frequency.frequency !== "manual" && (
            <CheckboxField
              asSwitch
              name="enabled"
              label="Enabled"
              hint="A paused schedule keeps its settings and can still be run by hand."
              defaultChecked={schedule?.enabled ?? true}
            />
          )}
        </div>
      </Panel>
      <Panel title="What">
        <div className="flex flex-col gap-6">
          <div className="grid gap-6 sm:grid-cols-2">
            <PathPickerField
              id="include-paths"
              label="Include paths"
              emptyText="The whole volume."
              dialogTitle="Choose what to back up"
              volumeShortId={volumeId}
              paths={includePaths}
              onChange={setIncludePaths}
              error={errors.includePaths}
            />
            <PathPickerField
              id="exclude-paths"
              label="Exclude paths"
              emptyText="Nothing picked (patterns below still apply)."
              dialogTitle="Choose what to leave out"
              volumeShortId={volumeId}
              paths={excludedPaths}
              onChange={setExcludedPaths}
              error={errors.excludePatterns}
            />
          </div>
          <PatternFields schedule={schedule} errors={errors} />
        </div>
      </Panel>
      <Panel title="Retention" description="Which snapshots to keep after each backup; empty keeps them all.">
        <RetentionFields schedule={schedule} errors={errors} />
      </Panel>
      <Panel
        title="Webhooks"
        description="HTTP calls before and after each backup (the address must be allowed by the server)."
      >
        <Disclosure summary="Webhook settings" open={hasWebhooks(schedule, errors)}>
          <WebhookFields schedule={schedule} errors={errors} />
        </Disclosure>
      </Panel>
      <Panel title="Advanced" description="Retries, and options passed to restic.">
        <Disclosure summary="Advanced settings" open={Object.keys(errors).some((key) => ADVANCED.includes(key))}>
          <AdvancedFields schedule={schedule} errors={errors} />
        </Disclosure>
      </Panel>
      <FormFailure failure={save.failure} shownFields={SHOWN} />
      <div className="flex gap-2">
        <Button type="submit" pending={save.pending}>
          {schedule ? "Save changes" : "Create backup"}
        </Button>
      </div>
    </form>
  );
}
