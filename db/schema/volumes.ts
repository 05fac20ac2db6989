import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { organizations } from "./auth";
import { createdAt, updatedAt } from "./columns";

export const VOLUME_BACKENDS = ["directory", "nfs", "smb", "webdav", "sftp", "rclone"] as const;
export type VolumeBackend = (typeof VOLUME_BACKENDS)[number];
export const VOLUME_STATUSES = ["mounted", "unmounted", "error"] as const;
export type VolumeStatus = (typeof VOLUME_STATUSES)[number];

/** Backup sources: a folder on the host, or a network share mounted at `DATA_DIR/volumes/<shortId>`. */
export const volumes = sqliteTable(
  "volumes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    shortId: text("short_id").notNull().unique(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    type: text("type", { enum: VOLUME_BACKENDS }).notNull(),
    status: text("status", { enum: VOLUME_STATUSES }).notNull().default("unmounted"),
    lastError: text("last_error"),
    lastHealthCheck: integer("last_health_check"),
    /** Backend configuration; passwords and private keys are encrypted with APP_SECRET. */
    config: text("config", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    /** Remount by itself when found in `error` (periodic monitor, start-up). */
    autoRemount: integer("auto_remount", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("volumes_org").on(t.organizationId), uniqueIndex("volumes_org_name").on(t.organizationId, t.name)],
);
