// Runs one restore job with the installed restic. restic ≥0.17 restores in place (`<snapshot>:<source>` into the
// target). Older restic lacks the subfolder syntax (0.14) and writes through symlinks it finds in the target, so
// there the job restores the full paths into a fresh private staging folder inside the target and moves the subtree
// into place (tree-merge.ts): the same files, modes and owners land in the same places.
import { access, chmod, lchown, mkdir, mkdtemp, rm, utimes } from "node:fs/promises";
import path from "node:path";
import type { ResticNode } from "@/server/restic/ls";
import { type OverwriteMode, type RestoreProgress, type RestoreSummary, restore } from "@/server/restic/restore";
import type { ResticTarget } from "@/server/restic/run";
import type { ResticCapabilities } from "@/server/restic/version";
import { excludesFor, type RestoreJob } from "./restore-plan";
import { STAGING_PREFIX } from "./restore-targets";
import { escapeResticPattern } from "./snapshot-paths";
import { mergeInto } from "./tree-merge";

export type RestoreJobOptions = {
  snapshotId: string;
  exclude: readonly string[];
  excludeXattr?: string[];
  overwrite: OverwriteMode;
  signal: AbortSignal;
  onProgress?: (progress: RestoreProgress) => void;
};

// Go's os.FileMode keeps these three apart from the permission bits.
const GO_SETUID = 1 << 23;
const GO_SETGID = 1 << 22;
const GO_STICKY = 1 << 20;

function unixMode(goMode: number): number {
  return (
    (goMode & 0o777) |
    (goMode & GO_SETUID ? 0o4000 : 0) |
    (goMode & GO_SETGID ? 0o2000 : 0) |
    (goMode & GO_STICKY ? 0o1000 : 0)
  );
}

/** A folder restored as its own target gets the snapshot's mode, owner and times, as restic gives the folders it restores. */
async function applyFolderMetadata(target: string, node: ResticNode): Promise<void> {
  if (node.mode !== undefined) await chmod(target, unixMode(node.mode));
  if (process.getuid?.() === 0 && node.uid !== undefined && node.gid !== undefined)
    await lchown(target, node.uid, node.gid);
  if (node.mtime) await utimes(target, new Date(node.atime ?? node.mtime), new Date(node.mtime));
}

const exists = (target: string) =>
  access(target).then(
    () => true,
    () => false,
  );

function joinSnapshotPath(source: string, relative: string): string {
  if (source === "/") return relative;
  return relative === "/" ? source : `${source}${relative}`;
}

async function restoreViaStaging(
  repository: ResticTarget,
  job: RestoreJob,
  options: RestoreJobOptions,
): Promise<RestoreSummary | undefined> {
  await mkdir(job.target, { recursive: true, mode: 0o700 });
  const staging = await mkdtemp(path.join(job.target, STAGING_PREFIX));
  try {
    const selected = job.include.length > 0 ? job.include.map((entry) => joinSnapshotPath(job.source, entry)) : [];
    if (selected.length === 0 && job.source !== "/") selected.push(job.source);
    const { summary } = await restore(repository, {
      snapshotId: options.snapshotId,
      target: staging,
      include: selected.map(escapeResticPattern),
      exclude: excludesFor(job.source, options.exclude).map((pattern) =>
        pattern.startsWith("/") ? joinSnapshotPath(job.source, pattern) : pattern,
      ),
      excludeXattr: options.excludeXattr,
      overwrite: options.overwrite,
      onProgress: options.onProgress,
      signal: options.signal,
    });
    const restored = path.join(staging, job.source);
    // Everything excluded: restic created nothing below the staging folder.
    if (await exists(restored)) await mergeInto(restored, job.target);
    return summary;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

export async function runRestoreJob(
  repository: ResticTarget,
  capabilities: ResticCapabilities,
  job: RestoreJob,
  options: RestoreJobOptions,
): Promise<RestoreSummary | undefined> {
  const created = !(await exists(job.target));
  const summary = capabilities.restoreInPlace
    ? (
        await restore(repository, {
          snapshotId: options.snapshotId,
          target: job.target,
          subfolder: job.source,
          include: job.include.map(escapeResticPattern),
          exclude: excludesFor(job.source, options.exclude),
          excludeXattr: options.excludeXattr,
          overwrite: options.overwrite,
          onProgress: options.onProgress,
          signal: options.signal,
        })
      ).summary
    : await restoreViaStaging(repository, job, options);
  if (job.folder && created) await applyFolderMetadata(job.target, job.folder);
  return summary;
}
