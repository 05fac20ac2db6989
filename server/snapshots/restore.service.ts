// Restore (reference §7.1): everything is checked before the task starts (snapshot, paths, what the installed restic
// can do, where the caller may write), then a `restore` task runs the planned jobs under a shared repository lock in
// a job slot, with restic's progress where it reports it, and cancel.
import type { AuthContext } from "@/server/auth/auth-context";
import { BadRequestError, NotFoundError } from "@/server/http/errors";
import { withRepository } from "@/server/repositories/repository-access";
import { loadRepository, type RepositoryRow } from "@/server/repositories/repository-store";
import { findSnapshot } from "@/server/repositories/snapshots.service";
import type { RestoreSummary } from "@/server/restic/restore";
import { getResticCapabilities, type ResticCapabilities, requireCapability } from "@/server/restic/version";
import { startTask } from "@/server/tasks/task-runner";
import { type RestoreJobOptions, runRestoreJob } from "./restore-jobs";
import { planCustomTarget, planOriginalLocation, type RestoreJob } from "./restore-plan";
import { mayRestoreTo, resolveRestoreTarget } from "./restore-targets";
import { findSnapshotNodes } from "./snapshot-nodes";
import { commonAncestor, normaliseSnapshotPath, outermostPaths } from "./snapshot-paths";
import type { RestoreBody } from "./snapshots.schema";

function requireRestoreOptions(capabilities: ResticCapabilities, body: RestoreBody): void {
  if (body.overwrite !== "always")
    requireCapability(capabilities, "restoreOverwrite", `Restoring with overwrite mode "${body.overwrite}"`);
  if (body.excludeXattr?.length)
    requireCapability(capabilities, "restoreExcludeXattr", "Restoring without some extended attributes");
}

async function planJobs(
  auth: AuthContext,
  row: RepositoryRow,
  snapshot: { id: string; paths: string[] },
  body: RestoreBody,
): Promise<RestoreJob[]> {
  const include = outermostPaths((body.include ?? []).map((entry) => normaliseSnapshotPath(entry, "include")));
  const withExcludes = (body.exclude ?? []).length > 0;
  if (body.targetPath !== undefined && body.targetPath !== "/") {
    const target = await resolveRestoreTarget(auth, body.targetPath, "targetPath");
    const wanted = include.length > 0 ? include : [commonAncestor(snapshot.paths)];
    const nodes = await findSnapshotNodes(row, snapshot.id, wanted);
    const missing = include.find((entry) => !nodes.has(entry));
    if (missing) throw new NotFoundError(`${missing} is not in this snapshot`);
    return planCustomTarget(include, nodes, snapshot.paths, target, { withExcludes });
  }
  const noOriginalLocation = (entry: string) =>
    new BadRequestError(
      `This snapshot does not hold ${entry} at that path (it was made from relative or non-POSIX paths), so it has no original location here; restore it to another folder`,
    );
  const relative = snapshot.paths.find((entry) => !entry.startsWith("/"));
  if (include.length === 0 && relative !== undefined) throw noOriginalLocation(relative);
  const entries =
    include.length > 0 ? include : outermostPaths(snapshot.paths.map((entry) => normaliseSnapshotPath(entry)));
  const nodes = await findSnapshotNodes(row, snapshot.id, entries);
  const missing = entries.find((entry) => !nodes.has(entry));
  if (missing !== undefined && include.length > 0) throw new NotFoundError(`${missing} is not in this snapshot`);
  if (missing !== undefined) throw noOriginalLocation(missing);
  const check = {
    resolve: (hostPath: string, field: string) => resolveRestoreTarget(auth, hostPath, field),
    allows: (hostPath: string) => mayRestoreTo(auth, hostPath),
  };
  return planOriginalLocation(entries, nodes, check, { withExcludes });
}

function addSummaries(total: RestoreSummary | undefined, next: RestoreSummary | undefined) {
  if (!total || !next) return next ?? total;
  const sum = (a?: number, b?: number) => (a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0));
  return {
    total_files: sum(total.total_files, next.total_files),
    files_restored: total.files_restored + next.files_restored,
    files_skipped: total.files_skipped + next.files_skipped,
    total_bytes: sum(total.total_bytes, next.total_bytes),
    bytes_restored: sum(total.bytes_restored, next.bytes_restored),
    bytes_skipped: sum(total.bytes_skipped, next.bytes_skipped),
  };
}

export async function startRestore(auth: AuthContext, shortId: string, body: RestoreBody) {
  const row = await loadRepository(auth, shortId);
  const snapshot = await findSnapshot(row, body.snapshotId);
  const capabilities = await getResticCapabilities();
  requireRestoreOptions(capabilities, body);
  const jobs = await planJobs(auth, row, snapshot, body);
  const options: Omit<RestoreJobOptions, "signal" | "onProgress"> = {
    snapshotId: snapshot.id,
    resticVersion: capabilities.version,
    exclude: body.exclude ?? [],
    excludeXattr: body.excludeXattr,
    overwrite: body.overwrite,
  };
  const task = await startTask(
    {
      kind: "restore",
      organizationId: auth.organizationId,
      resourceType: "repository",
      resourceId: row.shortId,
      input: {
        repositoryId: row.id,
        snapshotId: snapshot.id,
        targetPath: body.targetPath ?? "/",
        include: body.include ?? [],
        exclude: options.exclude,
        overwrite: body.overwrite,
        targets: jobs.map((job) => job.target),
      },
      exclusiveKey: `restore:${row.id}:${snapshot.id}`,
      conflictMessage: "A restore of this snapshot is already running",
      usesJobSlot: true,
    },
    ({ signal, reportProgress }) =>
      withRepository(
        row,
        "shared",
        async (repository) => {
          let summary: RestoreSummary | undefined;
          const warnings: string[] = [];
          for (const [index, job] of jobs.entries()) {
            const part = { part: index + 1, parts: jobs.length, target: job.target };
            reportProgress(part);
            const onProgress = (progress: object) => reportProgress({ ...progress, ...part });
            const outcome = await runRestoreJob(repository, capabilities, job, { ...options, signal, onProgress });
            summary = addSummaries(summary, outcome.summary);
            warnings.push(...outcome.warnings);
          }
          if (warnings.length === 0) return { result: summary ?? null };
          return { status: "warning", result: { ...summary, warnings } };
        },
        { signal },
      ),
  );
  return { taskId: task.id, restoreId: task.id, status: "started" as const };
}
