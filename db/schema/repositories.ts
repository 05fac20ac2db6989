import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { organizations } from "./auth";
import { createdAt, updatedAt } from "./columns";

export const REPOSITORY_STATUSES = ["healthy", "error", "unknown", "doctor", "cancelled"] as const;
export const COMPRESSION_MODES = ["off", "auto", "max"] as const;

export const repositories = sqliteTable(
  "repositories",
  {
    id: text("id").primaryKey(),
    shortId: text("short_id").notNull().unique(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The backend: local, s3, r2, azure, gcs, rclone, rest, sftp. */
    type: text("type").notNull(),
    /** Backend configuration; the backend's secret fields are encrypted with APP_SECRET. */
    config: text("config", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    compressionMode: text("compression_mode", { enum: COMPRESSION_MODES }).notNull().default("auto"),
    status: text("status", { enum: REPOSITORY_STATUSES }).notNull().default("unknown"),
    lastChecked: integer("last_checked"),
    lastError: text("last_error"),
    doctorResult: text("doctor_result", { mode: "json" }).$type<unknown>(),
    stats: text("stats", { mode: "json" }).$type<unknown>(),
    statsUpdatedAt: integer("stats_updated_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The list's own order: its query reads the index instead of sorting the organization's rows.
    index("repositories_org_created").on(t.organizationId, t.createdAt),
    uniqueIndex("repositories_org_name").on(t.organizationId, t.name),
  ],
);
