import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { RetentionPolicy } from "@/server/restic/forget";
import { organizations } from "./auth";
import { createdAt, updatedAt } from "./columns";
import { COMPRESSION_MODES, repositories } from "./repositories";
import { volumes } from "./volumes";

export const BACKUP_STATUSES = ["in_progress", "success", "warning", "error"] as const;
export type BackupStatus = (typeof BACKUP_STATUSES)[number];

type StoredWebhook = { url: string; headers?: string[]; body?: string; insecureTls?: boolean };

/** A backup schedule: what to back up (a volume), where to (a repository), when (cron in a time zone) and how. */
export const backupSchedules = sqliteTable(
  "backup_schedules",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Also the restic tag on every snapshot the schedule makes: the only link between the two. */
    shortId: text("short_id").notNull().unique(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    volumeId: integer("volume_id")
      .notNull()
      .references(() => volumes.id, { onDelete: "cascade" }),
    repositoryId: text("repository_id")
      .notNull()
      .references(() => repositories.id, { onDelete: "cascade" }),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    /** Empty: manual runs only. */
    cronExpression: text("cron_expression").notNull().default(""),
    /** IANA zone the cron expression is read in; null: the server's TZ. */
    timezone: text("timezone"),
    retentionPolicy: text("retention_policy", { mode: "json" }).$type<RetentionPolicy>(),
    excludePatterns: text("exclude_patterns", { mode: "json" }).$type<string[]>().notNull().default([]),
    excludeIfPresent: text("exclude_if_present", { mode: "json" }).$type<string[]>().notNull().default([]),
    /** Volume-relative. */
    includePaths: text("include_paths", { mode: "json" }).$type<string[]>().notNull().default([]),
    includePatterns: text("include_patterns", { mode: "json" }).$type<string[]>().notNull().default([]),
    customResticParams: text("custom_restic_params", { mode: "json" }).$type<string[]>().notNull().default([]),
    oneFileSystem: integer("one_file_system", { mode: "boolean" }).notNull().default(false),
    /** null: the repository's compression mode. */
    compressionMode: text("compression_mode", { enum: COMPRESSION_MODES }),
    /** Header values encrypted with APP_SECRET. */
    backupWebhooks: text("backup_webhooks", { mode: "json" }).$type<{
      pre: StoredWebhook | null;
      post: StoredWebhook | null;
    }>(),
    sortOrder: integer("sort_order").notNull().default(0),
    failureRetryCount: integer("failure_retry_count").notNull().default(0),
    maxRetries: integer("max_retries").notNull().default(2),
    /** Milliseconds (the API speaks minutes). */
    retryDelay: integer("retry_delay").notNull().default(900_000),
    lastBackupAt: integer("last_backup_at"),
    lastBackupStatus: text("last_backup_status", { enum: BACKUP_STATUSES }),
    lastBackupError: text("last_backup_error"),
    /** restic's summary of the last backup that made a snapshot. */
    lastBackupSummary: text("last_backup_summary", { mode: "json" }).$type<Record<string, unknown>>(),
    /** When a scheduled run was last skipped because the previous run was still going. */
    lastSkippedAt: integer("last_skipped_at"),
    /** Epoch ms of the next scheduled run; a scheduler claims a due run by moving this on. */
    nextBackupAt: integer("next_backup_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("backup_schedules_org").on(t.organizationId),
    uniqueIndex("backup_schedules_org_name").on(t.organizationId, t.name),
    index("backup_schedules_due").on(t.enabled, t.nextBackupAt),
  ],
);

/** Repositories a schedule's snapshots are copied to after each backup. */
export const backupScheduleMirrors = sqliteTable(
  "backup_schedule_mirrors",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    scheduleId: integer("schedule_id")
      .notNull()
      .references(() => backupSchedules.id, { onDelete: "cascade" }),
    repositoryId: text("repository_id")
      .notNull()
      .references(() => repositories.id, { onDelete: "cascade" }),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("backup_schedule_mirrors_pair").on(t.scheduleId, t.repositoryId)],
);
