// A repository's figures from `restic stats`, stored on its row (the latest) and as a sample (the history behind
// the size-over-time chart). Computed when a user refreshes them and after each backup that made a snapshot.
import { desc, eq } from "drizzle-orm";
import { database } from "@/db/client";
import { repositoryStatsSamples } from "@/db/schema";
import type { AuthContext } from "@/server/auth/auth-context";
import { getConfig } from "@/server/config";
import { getLogger } from "@/server/logging/logger";
import { type RepositoryStats, getRepositoryStats as resticStats } from "@/server/restic/stats";
import { withRepository } from "./repository-access";
import { loadRepository, type RepositoryRow, updateRepositoryRow } from "./repository-store";

/** Samples a chart needs at most: a year of daily backups. */
const MAX_SAMPLES = 400;

/** Runs `restic stats` (shared lock), stores the figures on the row and keeps them as a sample. */
export async function computeAndStoreStats(row: RepositoryRow): Promise<RepositoryStats> {
  const stats = await withRepository(row, "shared", (target) =>
    resticStats(target, { timeoutMs: getConfig().resticTimeoutMs }),
  );
  const takenAt = Date.now();
  await updateRepositoryRow(row.id, { stats, statsUpdatedAt: takenAt });
  const db = await database();
  await db.insert(repositoryStatsSamples).values({
    repositoryId: row.id,
    takenAt,
    totalSize: stats.total_size,
    totalUncompressedSize: stats.total_uncompressed_size,
    snapshotsCount: stats.snapshots_count,
  });
  return stats;
}

/**
 * After a backup made a snapshot: the repository grew, so its figures are computed again in the background. A
 * failure is logged and left for the next refresh; it never changes the backup's outcome.
 */
export function refreshStatsAfterBackup(row: RepositoryRow): void {
  computeAndStoreStats(row).catch((error) =>
    getLogger().warn({ err: error, repositoryId: row.shortId }, "could not refresh repository stats after a backup"),
  );
}

/** The repository's samples, oldest first (the most recent MAX_SAMPLES). */
export async function listStatsSamples(auth: AuthContext, shortId: string) {
  const row = await loadRepository(auth, shortId);
  const db = await database();
  const newest = await db
    .select({
      takenAt: repositoryStatsSamples.takenAt,
      totalSize: repositoryStatsSamples.totalSize,
      totalUncompressedSize: repositoryStatsSamples.totalUncompressedSize,
      snapshotsCount: repositoryStatsSamples.snapshotsCount,
    })
    .from(repositoryStatsSamples)
    .where(eq(repositoryStatsSamples.repositoryId, row.id))
    .orderBy(desc(repositoryStatsSamples.takenAt))
    .limit(MAX_SAMPLES);
  return newest.reverse();
}
