// The snapshot index as the API offers it: listings, search, history and diff of one repository's snapshots,
// answered from the index. The repository's snapshot list decides what exists (an index entry of a snapshot
// forgotten elsewhere is never served); a snapshot that is not indexed yet gets its indexing started.
import type { z } from "zod";
import type { AuthContext } from "@/server/auth/auth-context";
import { BadRequestError, ConflictError, NotFoundError } from "@/server/http/errors";
import { pageMeta } from "@/server/http/pagination";
import type { SnapshotDto } from "@/server/repositories/repositories.schema";
import { loadRepository, type RepositoryRow } from "@/server/repositories/repository-store";
import { findSnapshot, listRepositorySnapshots } from "@/server/repositories/snapshots.service";
import { SnapshotDiff } from "./index-diff";
import { activeIndexing, enqueueSnapshotIndex, startIndexAll } from "./index-jobs";
import { isBuilding } from "./index-lifecycle";
import { findIndexedSnapshot, type IndexedSnapshot, indexedSnapshots, resolvePath } from "./index-reader";
import { historyOf, searchIndex } from "./index-search";
import { dropIndexDb, indexBytes, indexDb } from "./index-store";
import { joinSegments, snapshotPathSegments } from "./indexed-listing";
import type { diffQuerySchema, searchQuerySchema } from "./snapshot-index.schema";

type Scope = { row: RepositoryRow; snapshots: SnapshotDto[]; indexed: IndexedSnapshot[]; unindexed: string[] };

/** The repository, its snapshots, and those of them the index holds (newest first). */
async function scope(auth: AuthContext, shortId: string): Promise<Scope> {
  const row = await loadRepository(auth, shortId);
  const snapshots = await listRepositorySnapshots(auth, shortId, {});
  const exists = new Set(snapshots.map((snapshot) => snapshot.id));
  const indexed = indexedSnapshots(indexDb(row.id)).filter((snapshot) => exists.has(snapshot.id));
  const have = new Set(indexed.map((snapshot) => snapshot.id));
  return { row, snapshots, indexed, unindexed: snapshots.filter((s) => !have.has(s.id)).map((s) => s.id) };
}

/** Starts indexing what is missing, unless that is already under way. */
async function indexMissing({ row, snapshots, unindexed }: Scope): Promise<void> {
  if (unindexed.length === 0) return;
  await startIndexAll(
    row,
    snapshots.map((snapshot) => snapshot.id),
  ).catch((error) => {
    if (!(error instanceof ConflictError)) throw error;
  });
}

export async function searchSnapshots(auth: AuthContext, shortId: string, query: z.output<typeof searchQuerySchema>) {
  const context = await scope(auth, shortId);
  let snapshots = context.indexed;
  if (query.snapshotId) {
    const wanted = await findSnapshot(context.row, query.snapshotId);
    snapshots = snapshots.filter((snapshot) => snapshot.id === wanted.id);
  }
  await indexMissing(context);
  const { hits, truncated } = searchIndex(indexDb(context.row.id), snapshots, {
    query: query.q,
    pathPrefix: joinSegments(snapshotPathSegments(query.path)),
    type: query.type,
  });
  return {
    results: hits.slice(query.offset, query.offset + query.limit),
    ...pageMeta(query, hits.length),
    truncated,
    unindexedSnapshots: query.snapshotId ? Number(snapshots.length === 0) : context.unindexed.length,
  };
}

export async function pathHistory(auth: AuthContext, shortId: string, path: string) {
  const context = await scope(auth, shortId);
  await indexMissing(context);
  const segments = snapshotPathSegments(path);
  if (segments.length === 0) throw new BadRequestError("path must name a file or folder, not the snapshot's top");
  const versions = historyOf(indexDb(context.row.id), context.indexed, segments);
  if (versions.length === 0 && context.unindexed.length === 0)
    throw new NotFoundError("Path not found in any snapshot");
  return { path: joinSegments(segments), versions, unindexedSnapshots: context.unindexed.length };
}

async function indexedOrStarted(row: RepositoryRow, db: ReturnType<typeof indexDb>, snapshot: SnapshotDto) {
  const indexed = findIndexedSnapshot(db, snapshot.id);
  if (indexed) return indexed;
  await enqueueSnapshotIndex(row, snapshot.id);
  throw new ConflictError(
    `Snapshot ${snapshot.short_id} is not indexed yet; its indexing has started, try again when it is done`,
  );
}

export async function diffSnapshots(
  auth: AuthContext,
  shortId: string,
  a: string,
  b: string,
  query: z.output<typeof diffQuerySchema>,
) {
  const row = await loadRepository(auth, shortId);
  const [from, to] = [await findSnapshot(row, a), await findSnapshot(row, b)];
  const db = indexDb(row.id);
  const before = await indexedOrStarted(row, db, from);
  const after = await indexedOrStarted(row, db, to);
  const segments = snapshotPathSegments(query.path);
  const left = resolvePath(db, before.rootId, segments);
  const right = resolvePath(db, after.rootId, segments);
  if (!left && !right) throw new NotFoundError("Path not found in either snapshot");
  if ((left && left.dirId === null) || (right && right.dirId === null))
    throw new BadRequestError("Path is not a folder");
  const diff = new SnapshotDiff(db, query.depth);
  diff.compareDirs(left?.dirId ?? null, right?.dirId ?? null, joinSegments(segments));
  const entries = diff.sorted();
  return {
    from: from.id,
    to: to.id,
    path: joinSegments(segments) || "/",
    depth: query.depth ?? null,
    summary: diff.summary(),
    entries: entries.slice(query.offset, query.offset + query.limit),
    ...pageMeta(query, entries.length),
  };
}

export async function getIndexStatus(auth: AuthContext, shortId: string) {
  const row = await loadRepository(auth, shortId);
  const snapshots = await listRepositorySnapshots(auth, shortId, {});
  const db = indexDb(row.id);
  const jobs = activeIndexing(row.id);
  return {
    indexBytes: indexBytes(row.id),
    snapshots: snapshots.map((snapshot) => {
      const indexed = findIndexedSnapshot(db, snapshot.id);
      return {
        id: snapshot.id,
        short_id: snapshot.short_id,
        time: snapshot.time,
        status: indexed ? ("indexed" as const) : (jobs.get(snapshot.id) ?? ("not_indexed" as const)),
        nodes: indexed?.nodes ?? null,
        indexedAt: indexed?.indexedAt ?? null,
      };
    }),
  };
}

export async function startIndexing(auth: AuthContext, shortId: string, snapshotIds?: string[]) {
  const row = await loadRepository(auth, shortId);
  const snapshots = await listRepositorySnapshots(auth, shortId, {});
  const wanted = snapshotIds
    ? new Set((await Promise.all(snapshotIds.map((id) => findSnapshot(row, id)))).map((s) => s.id))
    : null;
  const task = await startIndexAll(
    row,
    snapshots.map((snapshot) => snapshot.id),
    wanted,
  );
  return { taskId: task.id, status: "started" as const };
}

export async function dropIndex(auth: AuthContext, shortId: string) {
  const row = await loadRepository(auth, shortId);
  if (activeIndexing(row.id).size > 0 || isBuilding(row.id)) {
    throw new ConflictError("The repository is being indexed; try again when that is done");
  }
  dropIndexDb(row.id);
  return { message: "Snapshot index deleted" };
}
