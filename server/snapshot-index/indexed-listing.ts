// The snapshot file listing (GET …/snapshots/{id}/files) from the index: the same page restic would give, plus each
// folder's recursive size and file count, in any sort order, as one query.
import { BadRequestError, NotFoundError } from "@/server/http/errors";
import { pageMeta } from "@/server/http/pagination";
import type { SnapshotDto } from "@/server/repositories/repositories.schema";
import type { RepositoryRow } from "@/server/repositories/repository-store";
import { normaliseSnapshotPath } from "@/server/snapshots/snapshot-paths";
import type { SnapshotDirectoryPage, SnapshotFilesQuery } from "@/server/snapshots/snapshots.schema";
import { enqueueSnapshotIndex } from "./index-jobs";
import { findIndexedSnapshot, listDirectoryPage, resolvePath } from "./index-reader";
import { indexDb } from "./index-store";
import { typeName } from "./node-codec";

/** The path's segments (`/` → none), after the same checks as every snapshot path (absolute, no `.`/`..`). */
export function snapshotPathSegments(input: string, field = "path"): string[] {
  return normaliseSnapshotPath(input, field).split("/").filter(Boolean);
}

export const joinSegments = (segments: readonly string[]) => segments.map((segment) => `/${segment}`).join("");

/**
 * A page of a folder from the index, or null when the snapshot is not indexed yet: its indexing is then started
 * and the caller answers from `restic ls`. Unknown path → 404, a path that is not a folder → 400.
 */
export async function listIndexedDirectory(
  row: Pick<RepositoryRow, "id" | "shortId" | "config" | "organizationId">,
  snapshot: SnapshotDto,
  query: SnapshotFilesQuery,
): Promise<SnapshotDirectoryPage | null> {
  const segments = snapshotPathSegments(query.path);
  const db = indexDb(row.id);
  const indexed = findIndexedSnapshot(db, snapshot.id);
  if (!indexed) {
    await enqueueSnapshotIndex(row, snapshot.id);
    return null;
  }
  const resolved = resolvePath(db, indexed.rootId, segments);
  const path = joinSegments(segments) || "/";
  if (!resolved) throw new NotFoundError(`${path} is not in this snapshot`);
  if (resolved.dirId === null) {
    throw new BadRequestError(`${path} is a ${typeName(Number(resolved.entry.type))}, not a folder`);
  }
  const { files, total } = listDirectoryPage(db, resolved.dirId, joinSegments(segments), query);
  const { id, short_id, time, hostname, paths } = snapshot;
  return {
    snapshot: { id, short_id, time, hostname, paths },
    files,
    path,
    indexed: true,
    ...pageMeta(query, total),
  };
}
