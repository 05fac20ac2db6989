import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { organizations } from "./auth";
import { backupSchedules } from "./backups";
import { createdAt, updatedAt } from "./columns";

export const NOTIFICATION_TYPES = [
  "email",
  "slack",
  "discord",
  "gotify",
  "ntfy",
  "pushover",
  "telegram",
  "generic",
  "healthchecks",
  "custom",
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** `unknown` until the first delivery; then the outcome of the latest one. */
export const DESTINATION_STATUSES = ["healthy", "error", "unknown"] as const;

export const notificationDestinations = sqliteTable(
  "notification_destinations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    type: text("type", { enum: NOTIFICATION_TYPES }).notNull(),
    /** The channel's settings; its secret fields (passwords, tokens, URLs that carry tokens) encrypted with APP_SECRET. */
    config: text("config", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: DESTINATION_STATUSES }).notNull().default("unknown"),
    lastChecked: integer("last_checked"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("notification_destinations_org").on(t.organizationId)],
);

/** Which destinations hear which events of a schedule (reference §1.6/§2). */
export const backupScheduleNotifications = sqliteTable(
  "backup_schedule_notifications",
  {
    scheduleId: integer("schedule_id")
      .notNull()
      .references(() => backupSchedules.id, { onDelete: "cascade" }),
    destinationId: integer("destination_id")
      .notNull()
      .references(() => notificationDestinations.id, { onDelete: "cascade" }),
    notifyOnStart: integer("notify_on_start", { mode: "boolean" }).notNull().default(false),
    notifyOnSuccess: integer("notify_on_success", { mode: "boolean" }).notNull().default(false),
    notifyOnWarning: integer("notify_on_warning", { mode: "boolean" }).notNull().default(true),
    /** Also overdue alerts and the recovery notice that follows them. */
    notifyOnFailure: integer("notify_on_failure", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.scheduleId, t.destinationId] }),
    index("backup_schedule_notifications_destination").on(t.destinationId),
  ],
);

/**
 * The overdue alert of a schedule: its settings (no row: on, default grace) and whether an alert went out that no
 * successful backup has answered yet, so it is sent once per episode, across restarts and app instances.
 */
export const backupScheduleOverdue = sqliteTable("backup_schedule_overdue", {
  scheduleId: integer("schedule_id")
    .primaryKey()
    .references(() => backupSchedules.id, { onDelete: "cascade" }),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
  /** null: 25 % of the cron interval, at least an hour. */
  graceMinutes: integer("grace_minutes"),
  /** When the alert of the current episode was sent; null when none is pending. */
  alertedAt: integer("alerted_at"),
  /** The deadline that alert was about. */
  alertDueAt: integer("alert_due_at"),
});
