import type { AuthContext } from "@/server/auth/auth-context";
import { jsonResponse } from "@/server/http/error-response";
import type { PaginationQuery } from "@/server/http/pagination";
import { loadRepository } from "@/server/repositories/repository-store";
import { findSnapshot } from "@/server/repositories/snapshots.service";
import { listSnapshotDirectory } from "./directory-listing";

export async function listSnapshotFolder(
  auth: AuthContext,
  shortId: string,
  snapshotId: string,
  query: PaginationQuery & { path: string },
  signal?: AbortSignal,
): Promise<Response> {
  const row = await loadRepository(auth, shortId);
  const snapshot = await findSnapshot(row, snapshotId);
  const page = await listSnapshotDirectory(row, snapshot.id, query.path, query, { signal });
  // A snapshot never changes, so a page of it may be reused for a while (by this user's browser only).
  return jsonResponse(page, 200, { "cache-control": "private, max-age=300" });
}
