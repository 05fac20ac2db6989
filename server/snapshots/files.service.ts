import type { AuthContext } from "@/server/auth/auth-context";
import { jsonResponse } from "@/server/http/error-response";
import { loadRepository } from "@/server/repositories/repository-store";
import { findSnapshot } from "@/server/repositories/snapshots.service";
import { listIndexedDirectory } from "@/server/snapshot-index/indexed-listing";
import { listSnapshotDirectory } from "./directory-listing";
import type { SnapshotFilesQuery } from "./snapshots.schema";

export async function listSnapshotFolder(
  auth: AuthContext,
  shortId: string,
  snapshotId: string,
  query: SnapshotFilesQuery,
  signal?: AbortSignal,
): Promise<Response> {
  const row = await loadRepository(auth, shortId);
  const snapshot = await findSnapshot(row, snapshotId);
  // From the index when the snapshot has one; else restic lists this folder while the index is being built.
  const page =
    (await listIndexedDirectory(row, snapshot, query)) ??
    (await listSnapshotDirectory(row, snapshot.id, query.path, query, { signal }));
  // A snapshot never changes, so a page of it may be reused for a while (by this user's browser only); not a page
  // read with restic, though, so the folder sizes show once the index is there.
  return jsonResponse(page, 200, { "cache-control": page.indexed ? "private, max-age=300" : "private, no-cache" });
}
