import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { repositories } from "./repositories";

export const AUDIT_METHODS = ["session", "apiKey", "cli", "system"] as const;
export type AuditMethod = (typeof AUDIT_METHODS)[number];

/**
 * Who did what destructive or security-relevant thing, and from where. Rows are only ever added; they outlive the
 * users, repositories and schedules they name, so the actor and target are copied in, not referenced.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    /** The acting user; null for a failed sign-in of an unknown account, the CLI (an operator on the host) and the system. */
    actorId: text("actor_id"),
    actorName: text("actor_name").notNull(),
    method: text("method", { enum: AUDIT_METHODS }).notNull(),
    /** `repository.delete`, `user.ban`, `auth.sign_in_failed`, … */
    action: text("action").notNull(),
    /** What it was done to, as people read it: a shortId, a user name, snapshot ids. */
    target: text("target"),
    organizationId: text("organization_id"),
    ip: text("ip"),
    /** Never a secret: only names, ids, flags and counts. */
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [
    index("audit_log_at").on(t.at),
    index("audit_log_action").on(t.action),
    index("audit_log_actor").on(t.actorId),
  ],
);

export const READ_DATA_SUBSET_MODES = ["off", "rotate"] as const;

/** A repository's scheduled integrity check, and where its read-data rotation stands. */
export const repositoryCheckSchedules = sqliteTable("repository_check_schedules", {
  repositoryId: text("repository_id")
    .primaryKey()
    .references(() => repositories.id, { onDelete: "cascade" }),
  cronExpression: text("cron_expression").notNull(),
  /** IANA zone the cron expression is read in; null: the server's TZ. */
  timezone: text("timezone"),
  /** `rotate`: each run reads the next 1/N of the pack files, so N runs read every pack once. */
  readDataSubset: text("read_data_subset", { enum: READ_DATA_SUBSET_MODES }).notNull().default("off"),
  /** N: the number of runs (days, for a daily check) one full read of the data takes. */
  rotateDays: integer("rotate_days").notNull().default(30),
  /** The k of the next rotating run, 1..N. */
  nextSubset: integer("next_subset").notNull().default(1),
  /** Epoch ms of the next run; a scheduler claims a due run by moving this on (as backup schedules). */
  nextCheckAt: integer("next_check_at"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** One integrity check of a repository: what was read and what restic said. */
export const repositoryChecks = sqliteTable(
  "repository_checks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    repositoryId: text("repository_id")
      .notNull()
      .references(() => repositories.id, { onDelete: "cascade" }),
    taskId: text("task_id"),
    trigger: text("trigger", { enum: ["scheduled", "manual"] }).notNull(),
    /** `k/N` when this run read a subset of the pack files; null for a metadata-only check. */
    readDataSubset: text("read_data_subset"),
    /** Pack files whose data this run read (restic's group size); null when no data was read. */
    packsRead: integer("packs_read"),
    success: integer("success", { mode: "boolean" }).notNull(),
    /** The problems restic reported, one line each (at most 50). */
    errors: text("errors", { mode: "json" }).$type<string[]>().notNull().default([]),
    /** restic's output, scrubbed of secrets. */
    output: text("output"),
    startedAt: integer("started_at").notNull(),
    finishedAt: integer("finished_at").notNull(),
  },
  (t) => [index("repository_checks_repository").on(t.repositoryId, t.finishedAt)],
);

export const PROVISIONED_KINDS = ["repository", "volume", "destination", "schedule"] as const;
export type ProvisionedKind = (typeof PROVISIONED_KINDS)[number];

/**
 * What the provisioning file made: its `provisioningId` → the resource, and a keyed hash of the entry as last
 * applied, so an unchanged entry is left alone at the next start and a changed one is updated, never duplicated.
 */
export const provisionedResources = sqliteTable(
  "provisioned_resources",
  {
    kind: text("kind", { enum: PROVISIONED_KINDS }).notNull(),
    provisioningId: text("provisioning_id").notNull(),
    organizationId: text("organization_id").notNull(),
    /** The resource's shortId (repositories, volumes, schedules) or numeric id (destinations), as text. */
    resourceKey: text("resource_key").notNull(),
    appliedHash: text("applied_hash").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.provisioningId] })],
);
