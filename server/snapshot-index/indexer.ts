// Indexes one snapshot with one streamed `restic ls --json` (no restic lock taken). The snapshot's row is written
// last, in the same commit as its root: until then nothing serves the snapshot from the index, so a crash or a
// cancel part-way leaves folders that the next run reuses (same content, same hash) and no half index.
import { listSnapshotFiles } from "@/server/restic/ls";
import type { ResticTarget } from "@/server/restic/run";
import { listSnapshots, type ResticSnapshot } from "@/server/restic/snapshots";
import { IndexBuilder } from "./index-builder";
import { whileBuilding } from "./index-lifecycle";
import { type IndexDb, indexDb } from "./index-store";

export type IndexProgress = { nodes: number; directoriesStored: number };
export type IndexResult = {
  snapshotId: string;
  nodes: number;
  directoriesStored: number;
  durationMs: number;
  /** Indexed without listing: another indexed snapshot has the same restic tree (a retag, an unchanged backup). */
  sameTreeAs?: string;
};

function saveSnapshot(db: IndexDb, snapshot: ResticSnapshot, rootId: number, nodes: number) {
  db.prepare(
    `INSERT OR REPLACE INTO snapshots (id, short_id, time, hostname, paths, tree, root_id, nodes, indexed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    snapshot.id,
    snapshot.short_id ?? snapshot.id.slice(0, 8),
    new Date(snapshot.time).getTime(),
    snapshot.hostname ?? "",
    JSON.stringify(snapshot.paths ?? []),
    snapshot.tree ?? "",
    rootId,
    nodes,
    Date.now(),
  );
}

const PROGRESS_EVERY_NODES = 5000;

export function indexSnapshot(
  repositoryId: string,
  target: ResticTarget,
  snapshotId: string,
  options: { signal?: AbortSignal; onProgress?: (progress: IndexProgress) => void } = {},
): Promise<IndexResult> {
  return whileBuilding(repositoryId, async () => {
    const started = performance.now();
    const db = indexDb(repositoryId);
    // restic gives a retagged snapshot, or a backup of an unchanged tree, a new id but the same tree: no listing.
    const [described] = await listSnapshots(target, {
      snapshotIds: [snapshotId],
      noLock: true,
      signal: options.signal,
    });
    const twin = described?.tree
      ? (db.prepare("SELECT id, root_id, nodes FROM snapshots WHERE tree = ? LIMIT 1").get(described.tree) as
          | { id: string; root_id: number; nodes: number }
          | undefined)
      : undefined;
    if (described && twin) {
      saveSnapshot(db, described, twin.root_id, twin.nodes);
      const durationMs = Math.round(performance.now() - started);
      return { snapshotId: described.id, nodes: twin.nodes, directoriesStored: 0, durationMs, sameTreeAs: twin.id };
    }
    const builder = new IndexBuilder(db);
    let snapshot: ResticSnapshot | undefined;
    try {
      const listed = await listSnapshotFiles(target, snapshotId, {
        noLock: true,
        signal: options.signal,
        onNode: (node) => {
          builder.add(node);
          if (builder.nodes % PROGRESS_EVERY_NODES === 0) {
            options.onProgress?.({ nodes: builder.nodes, directoriesStored: builder.newDirs });
          }
        },
      });
      snapshot = listed.snapshot;
    } finally {
      builder.flush();
    }
    if (!snapshot) throw new Error(`restic ls did not describe snapshot ${snapshotId}`);
    const root = builder.finish();
    saveSnapshot(db, snapshot, root.id, builder.nodes);
    // The write-ahead log grew with the listing; fold it into the file so the index's size on disk is what it holds.
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    options.onProgress?.({ nodes: builder.nodes, directoriesStored: builder.newDirs });
    return {
      snapshotId: snapshot.id,
      nodes: builder.nodes,
      directoriesStored: builder.newDirs,
      durationMs: Math.round(performance.now() - started),
    };
  });
}
