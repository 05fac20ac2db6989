import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { repositories } from "./repositories";

/**
 * A repository's size at one moment, kept after each backup and each stats refresh, so the repository page can draw
 * its size over time (the repository row holds only the latest figures).
 */
export const repositoryStatsSamples = sqliteTable(
  "repository_stats_samples",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    repositoryId: text("repository_id")
      .notNull()
      .references(() => repositories.id, { onDelete: "cascade" }),
    /** Epoch milliseconds. */
    takenAt: integer("taken_at").notNull(),
    totalSize: integer("total_size").notNull(),
    totalUncompressedSize: integer("total_uncompressed_size").notNull(),
    snapshotsCount: integer("snapshots_count").notNull(),
  },
  (t) => [index("repository_stats_samples_repository_time").on(t.repositoryId, t.takenAt)],
);
