// Each repository's snapshot list, cached in memory so pages and schedule views do not run restic every time.
// Every write to a repository (backup, forget, delete, tag, config change, doctor) invalidates it; a list that was
// being loaded while the invalidation happened is not cached, so a stale list cannot outlive a write.
import type { SnapshotDto } from "./repositories.schema";

const TTL_MS = 10 * 60 * 1000;
type Entry = { snapshots: SnapshotDto[]; fetchedAt: number };
const holder = globalThis as unknown as {
  __zerobyteSnapshotCache?: { entries: Map<string, Entry>; generations: Map<string, number> };
};
const state = () => (holder.__zerobyteSnapshotCache ??= { entries: new Map(), generations: new Map() });

export async function cachedSnapshots(
  repositoryId: string,
  load: () => Promise<SnapshotDto[]>,
): Promise<SnapshotDto[]> {
  const { entries, generations } = state();
  const entry = entries.get(repositoryId);
  if (entry && Date.now() - entry.fetchedAt < TTL_MS) return entry.snapshots;
  const generation = generations.get(repositoryId) ?? 0;
  const snapshots = await load();
  if ((generations.get(repositoryId) ?? 0) === generation)
    entries.set(repositoryId, { snapshots, fetchedAt: Date.now() });
  return snapshots;
}

export function invalidateSnapshotCache(repositoryId: string): void {
  const { entries, generations } = state();
  entries.delete(repositoryId);
  generations.set(repositoryId, (generations.get(repositoryId) ?? 0) + 1);
}
