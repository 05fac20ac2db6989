import type { AuthContext } from "@/server/auth/auth-context";
import { getConfig } from "@/server/config";
import { BadRequestError, NotFoundError } from "@/server/http/errors";
import { forgetSnapshots } from "@/server/restic/forget";
import type { ResticTarget } from "@/server/restic/run";
import { listSnapshots, type ResticSnapshot } from "@/server/restic/snapshots";
import { tagSnapshots as resticTag } from "@/server/restic/tag";
import { dropSnapshotIndex } from "@/server/snapshot-index/index-lifecycle";
import { startTask } from "@/server/tasks/task-runner";
import type { SnapshotDto } from "./repositories.schema";
import { withRepository } from "./repository-access";
import { loadRepository, type RepositoryRow } from "./repository-store";
import { cachedSnapshots, invalidateSnapshotCache } from "./snapshot-cache";

function toSnapshotDto(snapshot: ResticSnapshot): SnapshotDto {
  const summary = snapshot.summary;
  const duration =
    summary?.backup_start && summary.backup_end
      ? new Date(summary.backup_end).getTime() - new Date(summary.backup_start).getTime()
      : 0;
  return {
    id: snapshot.id,
    short_id: snapshot.short_id,
    time: new Date(snapshot.time).getTime(),
    paths: snapshot.paths,
    tags: snapshot.tags ?? [],
    hostname: snapshot.hostname,
    size: summary?.total_bytes_processed ?? 0,
    duration,
    retentionCategories: [],
    ...(summary ? { summary } : {}),
  };
}

async function snapshotsOf(row: RepositoryRow): Promise<SnapshotDto[]> {
  return cachedSnapshots(row.id, () =>
    withRepository(row, "shared", async (target) => {
      const snapshots = (await listSnapshots(target, { timeoutMs: getConfig().resticTimeoutMs })).map(toSnapshotDto);
      return snapshots.sort((a, b) => b.time - a.time);
    }),
  );
}

export async function listRepositorySnapshots(auth: AuthContext, shortId: string, filter: { backupId?: string }) {
  const snapshots = await snapshotsOf(await loadRepository(auth, shortId));
  return filter.backupId ? snapshots.filter((snapshot) => snapshot.tags.includes(filter.backupId!)) : snapshots;
}

export async function refreshSnapshots(auth: AuthContext, shortId: string) {
  const row = await loadRepository(auth, shortId);
  invalidateSnapshotCache(row.id);
  const snapshots = await snapshotsOf(row);
  return { message: "Snapshot cache cleared and refreshed", count: snapshots.length };
}

/**
 * The snapshot of the repository that `snapshotId` names: its full id or a unique prefix (restic's short ids are 8
 * characters). An id the cached list lacks is looked up once more, so a snapshot made outside Zerobyte (plain restic
 * into an imported repository) is found without waiting for the cache to expire.
 */
export async function findSnapshot(row: RepositoryRow, snapshotId: string): Promise<SnapshotDto> {
  const match = (snapshots: SnapshotDto[]) => snapshots.filter((snapshot) => snapshot.id.startsWith(snapshotId));
  let matches = match(await snapshotsOf(row));
  if (matches.length === 0) {
    invalidateSnapshotCache(row.id);
    matches = match(await snapshotsOf(row));
  }
  if (matches.length > 1)
    throw new BadRequestError("This snapshot id prefix matches several snapshots; give more of it");
  if (matches.length === 0) throw new NotFoundError("Snapshot not found");
  return matches[0];
}

export async function getSnapshot(auth: AuthContext, shortId: string, snapshotId: string) {
  return findSnapshot(await loadRepository(auth, shortId), snapshotId);
}

/** Runs a repository-changing restic command as a task, holding the repository exclusively. */
async function startWriteTask<T>(
  auth: AuthContext,
  row: RepositoryRow,
  kind: "deleteSnapshots" | "tagSnapshots",
  input: Record<string, unknown>,
  work: (target: ResticTarget, signal: AbortSignal) => Promise<T>,
) {
  const task = await startTask(
    {
      kind,
      organizationId: auth.organizationId,
      resourceType: "repository",
      resourceId: row.shortId,
      input: { repositoryId: row.id, ...input },
      usesJobSlot: kind === "deleteSnapshots",
    },
    async ({ signal }) => {
      try {
        return { result: await withRepository(row, "exclusive", (target) => work(target, signal), { signal }) };
      } finally {
        invalidateSnapshotCache(row.id);
      }
    },
  );
  return { taskId: task.id, status: "started" as const };
}

export async function deleteSnapshots(auth: AuthContext, shortId: string, snapshotIds: string[]) {
  const row = await loadRepository(auth, shortId);
  return startWriteTask(auth, row, "deleteSnapshots", { snapshotIds }, async (target, signal) => {
    await forgetSnapshots(target, snapshotIds, { prune: true, signal });
    dropSnapshotIndex(row.id, snapshotIds);
    return { deletedSnapshotIds: snapshotIds };
  });
}

export async function tagSnapshots(
  auth: AuthContext,
  shortId: string,
  body: { snapshotIds: string[]; add?: string[]; remove?: string[]; set?: string[] },
) {
  const row = await loadRepository(auth, shortId);
  const { snapshotIds, ...changes } = body;
  return startWriteTask(auth, row, "tagSnapshots", { snapshotIds, ...changes }, async (target, signal) => {
    await resticTag(target, snapshotIds, changes, { signal });
    return { taggedSnapshotIds: snapshotIds };
  });
}
