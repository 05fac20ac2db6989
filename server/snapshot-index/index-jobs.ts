// Index work as tasks (kind `indexSnapshot`). Indexing yields to everything else a repository does:
// - it never takes one of the MAX_CONCURRENT_JOBS job slots (backups use them), only its own single slot;
// - restic runs with --no-lock, so restic's own locks never make a backup or prune wait for it;
// - it holds the app's repository lock shared, and stops as soon as another operation queues for the repository,
//   waits behind it, then starts again (folders already stored are reused, so a restart costs the listing only).
import { ConflictError } from "@/server/http/errors";
import { getLogger } from "@/server/logging/logger";
import { withRepository } from "@/server/repositories/repository-access";
import type { RepositoryRow } from "@/server/repositories/repository-store";
import { ResticCancelledError } from "@/server/restic/errors";
import { acquireSlot } from "@/server/tasks/job-slots";
import type { TaskDto } from "@/server/tasks/task.schema";
import { startTask, type TaskContext } from "@/server/tasks/task-runner";
import { dropSnapshotsNotIn } from "./index-lifecycle";
import { findIndexedSnapshot } from "./index-reader";
import { indexDb } from "./index-store";
import { type IndexResult, indexSnapshot } from "./indexer";

const INDEX_POOL = "snapshot-index";
const INDEX_CONCURRENCY = 1;

type Row = Pick<RepositoryRow, "id" | "shortId" | "config" | "organizationId">;
type JobState = Map<string, "queued" | "indexing">;
const holder = globalThis as unknown as { __zerobyteIndexJobs?: Map<string, JobState> };

/** Snapshots of a repository waiting for or being indexed in this process. */
export function activeIndexing(repositoryId: string): JobState {
  holder.__zerobyteIndexJobs ??= new Map();
  const all = holder.__zerobyteIndexJobs;
  let state = all.get(repositoryId);
  if (!state) {
    state = new Map();
    all.set(repositoryId, state);
  }
  return state;
}

function isIndexed(repositoryId: string, snapshotId: string): boolean {
  return findIndexedSnapshot(indexDb(repositoryId), snapshotId) !== undefined;
}

class Yielded extends Error {}

/** Indexes one snapshot, holding the repository shared and stepping aside whenever anything else queues for it. */
async function indexYielding(
  row: Row,
  snapshotId: string,
  context: TaskContext,
  progress: (nodes: number) => void,
): Promise<IndexResult | null> {
  const jobs = activeIndexing(row.id);
  for (;;) {
    context.signal.throwIfAborted();
    const release = await acquireSlot(INDEX_POOL, INDEX_CONCURRENCY, context.signal);
    try {
      if (isIndexed(row.id, snapshotId)) return null;
      jobs.set(snapshotId, "indexing");
      const attempt = new AbortController();
      const abort = (reason: unknown) => attempt.abort(reason);
      const onTaskAbort = () => abort(context.signal.reason);
      context.signal.addEventListener("abort", onTaskAbort, { once: true });
      try {
        return await withRepository(
          row,
          "shared",
          (target) =>
            indexSnapshot(row.id, target, snapshotId, {
              signal: attempt.signal,
              onProgress: (p) => progress(p.nodes),
            }),
          { signal: attempt.signal, onContention: () => abort(new Yielded()) },
        );
      } catch (error) {
        if (!(attempt.signal.reason instanceof Yielded) || !(error instanceof ResticCancelledError)) throw error;
        getLogger().info(
          { repositoryId: row.id, snapshotId },
          "snapshot indexing stepped aside; it starts again later",
        );
      } finally {
        context.signal.removeEventListener("abort", onTaskAbort);
      }
    } finally {
      jobs.set(snapshotId, "queued");
      release();
    }
  }
}

function spec(row: Row, key: string, input: Record<string, unknown>) {
  return {
    kind: "indexSnapshot" as const,
    organizationId: row.organizationId,
    resourceType: "repository",
    resourceId: row.shortId,
    input: { repositoryId: row.id, ...input },
    exclusiveKey: `index:${row.id}:${key}`,
    conflictMessage: "This is already being indexed",
  };
}

/**
 * Starts an `indexSnapshot` task for one snapshot (after a backup, on the first browse). Resolves with the task, or
 * null when the snapshot is already indexed or already waiting to be.
 */
export async function enqueueSnapshotIndex(row: Row, snapshotId: string): Promise<TaskDto | null> {
  const jobs = activeIndexing(row.id);
  if (jobs.has(snapshotId) || isIndexed(row.id, snapshotId)) return null;
  jobs.set(snapshotId, "queued");
  try {
    return await startTask(spec(row, snapshotId, { snapshotId }), async (context) => {
      try {
        const result = await indexYielding(row, snapshotId, context, (nodes) =>
          context.reportProgress({ snapshotId, nodes }),
        );
        return { result: result ?? { snapshotId, alreadyIndexed: true } };
      } finally {
        jobs.delete(snapshotId);
      }
    });
  } catch (error) {
    jobs.delete(snapshotId);
    if (error instanceof ConflictError) return null;
    throw error;
  }
}

/**
 * Indexes every snapshot of the repository (`snapshotIds`, newest first) not indexed yet, or only those of `only`,
 * and forgets index entries of snapshots the repository no longer has.
 */
export async function startIndexAll(
  row: Row,
  snapshotIds: readonly string[],
  only: ReadonlySet<string> | null = null,
): Promise<TaskDto> {
  dropSnapshotsNotIn(row.id, snapshotIds);
  const jobs = activeIndexing(row.id);
  const todo = snapshotIds.filter((id) => (!only || only.has(id)) && !isIndexed(row.id, id) && !jobs.has(id));
  for (const id of todo) jobs.set(id, "queued");
  try {
    return await startTask(spec(row, "all", { snapshotIds: todo }), async (context) => {
      let done = 0;
      let nodes = 0;
      const remaining = new Set(todo);
      try {
        for (const snapshotId of todo) {
          const result = await indexYielding(row, snapshotId, context, (current) =>
            context.reportProgress({
              snapshotsDone: done,
              snapshotsTotal: todo.length,
              snapshotId,
              nodes: nodes + current,
            }),
          );
          nodes += result?.nodes ?? 0;
          done++;
          remaining.delete(snapshotId);
          jobs.delete(snapshotId);
          context.reportProgress({ snapshotsDone: done, snapshotsTotal: todo.length, nodes });
        }
        return { result: { snapshotsIndexed: done, nodes } };
      } finally {
        for (const id of remaining) jobs.delete(id);
      }
    });
  } catch (error) {
    for (const id of todo) jobs.delete(id);
    throw error;
  }
}
