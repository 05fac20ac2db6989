// The provisioning file (PROVISIONING_PATH): read, secrets resolved, and every entry validated with the same schemas
// as the API before anything is applied, so a broken file stops the start with one line naming the entry and field.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { ProvisionedKind } from "@/db/schema";
import { createScheduleBodySchema } from "@/server/backups/backups.schema";
import { checkScheduleBodySchema } from "@/server/checks/checks.schema";
import { getConfig } from "@/server/config";
import { assignmentInputSchema, createDestinationBodySchema } from "@/server/notifications/notifications.schema";
import { createRepositoryBodySchema } from "@/server/repositories/repositories.schema";
import { createVolumeBodySchema } from "@/server/volumes/volumes.schema";
import { resolveSecretReferences, SecretReferenceError } from "./secret-references";

export class ProvisioningError extends Error {}

const SECTIONS = {
  volumes: { kind: "volume", schema: createVolumeBodySchema },
  repositories: { kind: "repository", schema: createRepositoryBodySchema },
  notifications: { kind: "destination", schema: createDestinationBodySchema },
  schedules: { kind: "schedule", schema: createScheduleBodySchema },
} as const;
type Section = keyof typeof SECTIONS;

const fileSchema = z.object({
  version: z.literal(1, { error: "version must be 1" }),
  /** The organization (id or slug) entries belong to unless they name their own; default: the first admin's. */
  organization: z.string().min(1).optional(),
  ...(Object.fromEntries(
    Object.keys(SECTIONS).map((section) => [section, z.array(z.record(z.string(), z.unknown())).default([])]),
  ) as Record<Section, z.ZodDefault<z.ZodArray<z.ZodRecord<z.ZodString, z.ZodUnknown>>>>),
});

const metaSchema = z.object({
  provisioningId: z
    .string({ error: "provisioningId is required" })
    .regex(/^[A-Za-z0-9._-]{1,64}$/, "provisioningId must be 1 to 64 letters, digits, dots, dashes or underscores"),
  organization: z.string().min(1).optional(),
});

/** Schedules name their volume, repository and notification destinations by the provisioningId of an entry. */
const scheduleRefsSchema = z.object({
  volume: z.string({ error: "volume (a volume's provisioningId) is required" }),
  repository: z.string({ error: "repository (a repository's provisioningId) is required" }),
  notifications: z
    .array(
      assignmentInputSchema
        .omit({ destinationId: true })
        .extend({ destination: z.string({ error: "destination (a destination's provisioningId) is required" }) }),
    )
    .optional(),
});
type ScheduleRefs = z.output<typeof scheduleRefsSchema>;
export type ProvisionedAssignment = NonNullable<ScheduleRefs["notifications"]>[number];

export type ProvisionedEntry = {
  kind: ProvisionedKind;
  provisioningId: string;
  organization: string | undefined;
  /** The API create body, validated. */
  body: Record<string, unknown>;
  /** Schedules: the provisioningIds of their volume, repository and destinations. */
  refs?: ScheduleRefs;
  /** Repositories: their integrity-check schedule. */
  checkSchedule?: z.output<typeof checkScheduleBodySchema>;
  /** Keyed hash of the resolved entry: unchanged entries are not applied again. */
  hash: string;
};

export type ProvisioningPlan = { file: string; entries: ProvisionedEntry[] };

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message;
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ProvisioningError(`${where}: ${firstIssue(parsed.error)}`);
  return parsed.data;
}

/** Keys sorted, so the hash does not change when the file is merely reformatted. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function parseEntry(section: Section, raw: Record<string, unknown>, index: number, fallbackOrg?: string) {
  const label = `${section}[${index}]${typeof raw.provisioningId === "string" ? ` (${raw.provisioningId})` : ""}`;
  let resolved: Record<string, unknown>;
  try {
    resolved = resolveSecretReferences(raw) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof SecretReferenceError)
      throw new ProvisioningError(`${label}: ${error.field}: ${error.message}`);
    throw error;
  }
  const { provisioningId, organization, ...rest } = parseOrThrow(metaSchema.passthrough(), resolved, label);
  const { kind, schema } = SECTIONS[section];
  const entry: ProvisionedEntry = {
    kind,
    provisioningId,
    organization: organization ?? fallbackOrg,
    body: {},
    hash: createHmac("sha256", getConfig().appSecret).update(canonical(resolved)).digest("hex"),
  };
  if (section === "schedules") {
    const { volume, repository, notifications, ...fields } = rest as Record<string, unknown>;
    entry.refs = parseOrThrow(scheduleRefsSchema, { volume, repository, notifications }, label);
    // Validated with the references standing in for the ids they will become once applied.
    entry.body = parseOrThrow(schema, { ...fields, volumeId: volume, repositoryId: repository }, label);
  } else if (section === "repositories") {
    const { checkSchedule, ...fields } = rest as Record<string, unknown>;
    entry.body = parseOrThrow(schema, fields, label);
    if (checkSchedule !== undefined)
      entry.checkSchedule = parseOrThrow(checkScheduleBodySchema, checkSchedule, `${label}: checkSchedule`);
  } else {
    entry.body = parseOrThrow(schema, rest, label);
  }
  return entry;
}

function assertReferences(entries: ProvisionedEntry[]): void {
  const ids = (kind: ProvisionedKind) => new Set(entries.filter((e) => e.kind === kind).map((e) => e.provisioningId));
  const [volumes, repositories, destinations] = [ids("volume"), ids("repository"), ids("destination")];
  for (const entry of entries) {
    if (!entry.refs) continue;
    const where = `schedules (${entry.provisioningId})`;
    if (!volumes.has(entry.refs.volume))
      throw new ProvisioningError(`${where}: volume: no volume with provisioningId "${entry.refs.volume}" in the file`);
    if (!repositories.has(entry.refs.repository))
      throw new ProvisioningError(
        `${where}: repository: no repository with provisioningId "${entry.refs.repository}" in the file`,
      );
    const unknown = entry.refs.notifications?.find((assignment) => !destinations.has(assignment.destination));
    if (unknown)
      throw new ProvisioningError(
        `${where}: notifications: no notification destination with provisioningId "${unknown.destination}" in the file`,
      );
  }
}

export function loadProvisioningFile(file: string): ProvisioningPlan {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ProvisioningError(`cannot read it as JSON: ${(error as Error).message}`);
  }
  const parsed = parseOrThrow(fileSchema, json, "file");
  const entries: ProvisionedEntry[] = [];
  for (const section of Object.keys(SECTIONS) as Section[]) {
    const seen = new Set<string>();
    parsed[section].forEach((raw, index) => {
      const entry = parseEntry(section, raw, index, parsed.organization);
      if (seen.has(entry.provisioningId))
        throw new ProvisioningError(`${section}[${index}]: provisioningId "${entry.provisioningId}" is used twice`);
      seen.add(entry.provisioningId);
      entries.push(entry);
    });
  }
  assertReferences(entries);
  return { file, entries };
}
