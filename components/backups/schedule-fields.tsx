"use client";
// Parts of the backup form that are plain fields: retention, patterns, webhooks and the advanced options. Each
// reads its values back from the form's FormData (`readScheduleFields`).
import { CheckboxField, TextAreaField, TextField } from "@/components/ui/form-fields";
import type { ScheduleDto } from "@/server/backups/backups.schema";

export const RETENTION_FIELDS = [
  { name: "keepLast", label: "Keep last" },
  { name: "keepHourly", label: "Hourly" },
  { name: "keepDaily", label: "Daily" },
  { name: "keepWeekly", label: "Weekly" },
  { name: "keepMonthly", label: "Monthly" },
  { name: "keepYearly", label: "Yearly" },
] as const;

type Errors = Record<string, string>;
const lines = (values: readonly string[] | undefined) => values?.join("\n") ?? "";

export function RetentionFields({ schedule, errors }: { schedule?: ScheduleDto; errors: Errors }) {
  const policy = schedule?.retentionPolicy ?? {};
  return (
    <div className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4">
      {RETENTION_FIELDS.map((field) => (
        <TextField
          key={field.name}
          label={field.label}
          name={field.name}
          type="number"
          min={0}
          step={1}
          defaultValue={policy[field.name]?.toString() ?? ""}
          error={errors[`retentionPolicy.${field.name}`]}
        />
      ))}
      <TextField
        label="Keep within"
        name="keepWithinDuration"
        placeholder="e.g. 30d"
        defaultValue={policy.keepWithinDuration ?? ""}
        error={errors["retentionPolicy.keepWithinDuration"]}
        className="col-span-2"
        hint="Every snapshot younger than this (y, m, d, h)."
      />
    </div>
  );
}

export function PatternFields({ schedule, errors }: { schedule?: ScheduleDto; errors: Errors }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextAreaField
        label="Include patterns"
        name="includePatterns"
        hint="One glob per line, matched inside the volume (e.g. **/*.jpg)."
        defaultValue={lines(schedule?.includePatterns)}
        error={errors.includePatterns}
      />
      <TextAreaField
        label="Exclude patterns"
        name="excludePatterns"
        hint="One pattern per line (restic --exclude), e.g. *.tmp or /cache."
        defaultValue={lines(schedule?.excludePatterns)}
        error={errors.excludePatterns}
      />
      <TextAreaField
        label="Exclude folders containing"
        name="excludeIfPresent"
        hint="File names, one per line (e.g. .nobackup)."
        defaultValue={lines(schedule?.excludeIfPresent)}
        error={errors.excludeIfPresent}
      />
      <CheckboxField
        label="Stay on one file system"
        name="oneFileSystem"
        hint="Do not descend into other mounts below the volume."
        defaultChecked={schedule?.oneFileSystem ?? false}
      />
    </div>
  );
}

export function AdvancedFields({ schedule, errors }: { schedule?: ScheduleDto; errors: Errors }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField
        label="Retries after a failure"
        name="maxRetries"
        type="number"
        min={0}
        max={32}
        defaultValue={String(schedule?.maxRetries ?? 2)}
        error={errors.maxRetries}
      />
      <TextField
        label="Retry delay (minutes)"
        name="retryDelay"
        type="number"
        min={1}
        max={1440}
        defaultValue={String(schedule?.retryDelay ?? 15)}
        error={errors.retryDelay}
      />
      <TextAreaField
        label="Custom restic options"
        name="customResticParams"
        hint="One per line, from the allowed list (e.g. --read-concurrency=4)."
        defaultValue={lines(schedule?.customResticParams)}
        error={errors.customResticParams}
        className="sm:col-span-2"
      />
    </div>
  );
}

const WEBHOOK_PHASES = [
  { phase: "pre", label: "Before the backup" },
  { phase: "post", label: "After the backup" },
] as const;

export function WebhookFields({ schedule, errors }: { schedule?: ScheduleDto; errors: Errors }) {
  return (
    <div className="grid gap-6 sm:grid-cols-2">
      {WEBHOOK_PHASES.map(({ phase, label }) => {
        const hook = schedule?.backupWebhooks?.[phase];
        const at = (field: string) => errors[`backupWebhooks.${phase}.${field}`];
        return (
          <fieldset key={phase} className="flex flex-col gap-3">
            <legend className="mb-2 text-sm font-semibold">{label}</legend>
            <TextField
              label={`${label}: URL`}
              name={`${phase}.url`}
              type="url"
              placeholder="https://hooks.example.com/backup"
              defaultValue={hook?.url ?? ""}
              error={at("url")}
            />
            <TextAreaField
              label={`${label}: headers`}
              name={`${phase}.headers`}
              hint='"Name: value" lines; stored values come back masked.'
              defaultValue={lines(hook?.headers)}
              error={at("headers")}
            />
            <TextAreaField
              label={`${label}: body`}
              name={`${phase}.body`}
              hint="Sent as is; leave empty for the default JSON payload."
              defaultValue={hook?.body ?? ""}
              error={at("body")}
            />
          </fieldset>
        );
      })}
    </div>
  );
}

const listOf = (form: FormData, name: string) =>
  String(form.get(name) ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

const countOf = (form: FormData, name: string) => {
  const value = String(form.get(name) ?? "").trim();
  return value === "" ? undefined : Number(value);
};

function webhookOf(form: FormData, phase: "pre" | "post") {
  const url = String(form.get(`${phase}.url`) ?? "").trim();
  if (!url) return null;
  const body = String(form.get(`${phase}.body`) ?? "");
  return { url, headers: listOf(form, `${phase}.headers`), ...(body ? { body } : {}) };
}

/** The schedule fields these parts hold, as the API takes them. */
export function readScheduleFields(form: FormData) {
  const keepWithin = String(form.get("keepWithinDuration") ?? "").trim();
  const pre = webhookOf(form, "pre");
  const post = webhookOf(form, "post");
  return {
    includePatterns: listOf(form, "includePatterns"),
    excludePatterns: listOf(form, "excludePatterns"),
    excludeIfPresent: listOf(form, "excludeIfPresent"),
    oneFileSystem: form.get("oneFileSystem") === "on",
    maxRetries: countOf(form, "maxRetries"),
    retryDelay: countOf(form, "retryDelay"),
    customResticParams: listOf(form, "customResticParams"),
    retentionPolicy: {
      ...Object.fromEntries(RETENTION_FIELDS.map(({ name }) => [name, countOf(form, name)])),
      ...(keepWithin ? { keepWithinDuration: keepWithin } : {}),
    },
    backupWebhooks: pre || post ? { pre, post } : null,
  };
}
