// What keeps the index in step with the repository: dropping forgotten snapshots and sweeping the directories no
// indexed snapshot reaches any more. A sweep never runs while a snapshot of that repository is being indexed (its
// folders are stored before the snapshot that references them), it is deferred to the end of that indexing.
import { type IndexDb, indexDb } from "./index-store";

type RepositoryState = { builders: number; sweepPending: boolean };
const holder = globalThis as unknown as { __zerobyteIndexLifecycle?: Map<string, RepositoryState> };

function stateOf(repositoryId: string): RepositoryState {
  holder.__zerobyteIndexLifecycle ??= new Map();
  const map = holder.__zerobyteIndexLifecycle;
  let state = map.get(repositoryId);
  if (!state) {
    state = { builders: 0, sweepPending: false };
    map.set(repositoryId, state);
  }
  return state;
}

/** Marks the repository's index as being written while `work` runs; a sweep asked for meanwhile runs after it. */
export async function whileBuilding<T>(repositoryId: string, work: () => Promise<T>): Promise<T> {
  const state = stateOf(repositoryId);
  state.builders++;
  try {
    return await work();
  } finally {
    state.builders--;
    if (state.builders === 0 && state.sweepPending) {
      state.sweepPending = false;
      sweep(indexDb(repositoryId));
    }
  }
}

export function isBuilding(repositoryId: string): boolean {
  return stateOf(repositoryId).builders > 0;
}

/** Removes every directory (and its entries) that no indexed snapshot reaches; returns how many went. */
export function sweep(db: IndexDb): number {
  const removed = db.transaction(() => {
    db.exec("DROP TABLE IF EXISTS temp.live");
    db.exec(`CREATE TEMP TABLE live AS
      WITH RECURSIVE reach(id) AS (
        SELECT root_id FROM snapshots
        UNION SELECT e.child_id FROM entries e JOIN reach r ON e.dir_id = r.id WHERE e.child_id IS NOT NULL
      ) SELECT id FROM reach`);
    db.exec("CREATE UNIQUE INDEX temp.live_id ON live (id)");
    db.exec("DELETE FROM entries WHERE dir_id NOT IN (SELECT id FROM temp.live)");
    const { changes } = db.prepare("DELETE FROM dirs WHERE id NOT IN (SELECT id FROM temp.live)").run();
    db.exec("DROP TABLE temp.live");
    return changes;
  })();
  db.exec("PRAGMA incremental_vacuum");
  return removed;
}

function requestSweep(repositoryId: string) {
  const state = stateOf(repositoryId);
  if (state.builders > 0) state.sweepPending = true;
  else sweep(indexDb(repositoryId));
}

/**
 * A snapshot was forgotten or deleted: its index entry goes at once, and so does every directory only it used
 * (directories shared with snapshots that stay are kept). Call after the repository change succeeded.
 */
export function dropSnapshotIndex(repositoryId: string, snapshotIds: string[]): number {
  const db = indexDb(repositoryId);
  const remove = db.prepare("DELETE FROM snapshots WHERE id = ? OR (length(?) < 64 AND id LIKE ? || '%')");
  let dropped = 0;
  db.transaction(() => {
    for (const id of snapshotIds) dropped += remove.run(id, id, id).changes;
  })();
  if (dropped > 0) requestSweep(repositoryId);
  return dropped;
}

/** Drops index entries of snapshots the repository no longer has (forgotten by another client, say). */
export function dropSnapshotsNotIn(repositoryId: string, existingIds: readonly string[]): number {
  const db = indexDb(repositoryId);
  const keep = new Set(existingIds);
  const indexed = db.prepare("SELECT id FROM snapshots").pluck().all() as string[];
  const gone = indexed.filter((id) => !keep.has(id));
  return gone.length > 0 ? dropSnapshotIndex(repositoryId, gone) : 0;
}
