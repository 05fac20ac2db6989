// Runs one restore job with the installed restic. restic ≥0.17 restores in place (`<snapshot>:<source>` into the
// target). Older restic lacks the subfolder syntax (0.14) and writes through symlinks it finds in the target, so
// there the job restores the full paths into a fresh private staging folder inside the target and moves the subtree
// into place (tree-merge.ts): the same files, modes and owners land in the same places.
import { access, chmod, lchown, mkdir, mkdtemp, rm, utimes } from "node:fs/promises";
import path from "node:path";
import { BadRequestError } from "@/server/http/errors";
import { listSnapshotFiles, type ResticNode } from "@/server/restic/ls";
import { type OverwriteMode, type RestoreOutcome, type RestoreProgress, restore } from "@/server/restic/restore";
import type { ResticTarget } from "@/server/restic/run";
import type { ResticCapabilities } from "@/server/restic/version";
import { excludesFor, type RestoreJob } from "./restore-plan";
import { STAGING_PREFIX } from "./restore-targets";
import { escapeResticPattern, isWithinSnapshotPath } from "./snapshot-paths";
import { mergeInto } from "./tree-merge";

export type RestoreJobOptions = {
  snapshotId: string;
  /** The installed restic, for messages. */
  resticVersion: string;
  exclude: readonly string[];
  excludeXattr?: string[];
  overwrite: OverwriteMode;
  signal: AbortSignal;
  onProgress?: (progress: RestoreProgress) => void;
};

/** Upper bound on the exclude patterns one restic command line carries (Linux allows 2 MiB for all arguments). */
const MAX_EXCLUDE_BYTES = 1024 * 1024;

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

/** restic refuses include and exclude patterns together; the plan only gives excludes to jobs of whole folders. */
function excludesOf(job: RestoreJob, options: RestoreJobOptions): string[] {
  return job.include.length === 0 ? excludesFor(job.source, options.exclude) : [];
}

/**
 * Everything beside the path from the snapshot's root to `folder` (the other entries of each folder on the way),
 * as exclude patterns: with excludes given, old restic cannot also take `--include <folder>` to stay in it.
 */
async function excludeAllBut(repository: ResticTarget, folder: string, options: RestoreJobOptions): Promise<string[]> {
  const ancestors: string[] = [];
  for (let current = path.posix.dirname(folder); ; current = path.posix.dirname(current)) {
    ancestors.push(current);
    if (current === "/") break;
  }
  const besides: string[] = [];
  let bytes = 0;
  await listSnapshotFiles(repository, options.snapshotId, {
    paths: ancestors,
    signal: options.signal,
    onNode: (node) => {
      if (!ancestors.includes(path.posix.dirname(node.path)) || isWithinSnapshotPath(node.path, folder)) return;
      bytes += node.path.length;
      if (bytes <= MAX_EXCLUDE_BYTES) besides.push(escapeResticPattern(node.path));
    },
  });
  if (bytes > MAX_EXCLUDE_BYTES)
    throw new BadRequestError(
      `${folder} has too many neighbours to restore with exclude patterns on restic ${options.resticVersion}; use restic 0.17 or newer, or no exclude patterns`,
    );
  return besides;
}

async function restoreViaStaging(
  repository: ResticTarget,
  job: RestoreJob,
  options: RestoreJobOptions,
): Promise<RestoreOutcome> {
  await mkdir(job.target, { recursive: true, mode: 0o700 });
  const staging = await mkdtemp(path.join(job.target, STAGING_PREFIX));
  try {
    const exclude = excludesOf(job, options).map((pattern) =>
      pattern.startsWith("/") ? joinSnapshotPath(job.source, pattern) : pattern,
    );
    let include = job.include.map((entry) => joinSnapshotPath(job.source, entry)).map(escapeResticPattern);
    if (job.include.length === 0 && job.source !== "/") {
      if (exclude.length === 0) include = [escapeResticPattern(job.source)];
      else exclude.push(...(await excludeAllBut(repository, job.source, options)));
    }
    const outcome = await restore(repository, {
      snapshotId: options.snapshotId,
      target: staging,
      include,
      exclude,
      excludeXattr: options.excludeXattr,
      overwrite: options.overwrite,
      onProgress: options.onProgress,
      signal: options.signal,
    });
    const restored = path.join(staging, job.source);
    // Everything excluded: restic created nothing below the staging folder.
    if (await exists(restored)) await mergeInto(restored, job.target);
    return outcome;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

export async function runRestoreJob(
  repository: ResticTarget,
  capabilities: ResticCapabilities,
  job: RestoreJob,
  options: RestoreJobOptions,
): Promise<RestoreOutcome> {
  const created = !(await exists(job.target));
  const outcome = capabilities.restoreInPlace
    ? await restore(repository, {
        snapshotId: options.snapshotId,
        target: job.target,
        subfolder: job.source,
        include: job.include.map(escapeResticPattern),
        exclude: excludesOf(job, options),
        excludeXattr: options.excludeXattr,
        overwrite: options.overwrite,
        onProgress: options.onProgress,
        signal: options.signal,
      })
    : await restoreViaStaging(repository, job, options);
  if (job.folder && created) await applyFolderMetadata(job.target, job.folder);
  return outcome;
}
