import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { organizations } from "./auth";
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
