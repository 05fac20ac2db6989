// Indexes one snapshot with one streamed `restic ls --json` (no restic lock taken). The snapshot's row is written
// last, in the same commit as its root: until then nothing serves the snapshot from the index, so a crash or a
// cancel part-way leaves folders that the next run reuses (same content, same hash) and no half index.
import { listSnapshotFiles } from "@/server/restic/ls";
import type { ResticTarget } from "@/server/restic/run";
import type { ResticSnapshot } from "@/server/restic/snapshots";
import { IndexBuilder } from "./index-builder";
import { whileBuilding } from "./index-lifecycle";
import { indexDb } from "./index-store";

export type IndexProgress = { nodes: number; directoriesStored: number };
export type IndexResult = { snapshotId: string; nodes: number; directoriesStored: number; durationMs: number };

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
    db.prepare(
      `INSERT OR REPLACE INTO snapshots (id, short_id, time, hostname, paths, root_id, nodes, indexed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      snapshot.id,
      snapshot.short_id ?? snapshot.id.slice(0, 8),
      new Date(snapshot.time).getTime(),
      snapshot.hostname ?? "",
      JSON.stringify(snapshot.paths ?? []),
      root.id,
      builder.nodes,
      Date.now(),
    );
    options.onProgress?.({ nodes: builder.nodes, directoriesStored: builder.newDirs });
    return {
      snapshotId: snapshot.id,
      nodes: builder.nodes,
      directoriesStored: builder.newDirs,
      durationMs: Math.round(performance.now() - started),
    };
  });
}
