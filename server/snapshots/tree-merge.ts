// Moves a restored tree from a staging folder into its place, as restic ≥0.17 restores in place with overwrite
// "always": new entries are moved in, existing files and symlinks are replaced, existing folders are merged and take
// the restored folder's mode, owner and times. Nothing already at the destination is ever followed: a symlink there
// is replaced like a file, so a restore cannot be steered through it to somewhere else (restic 0.14 would write
// through it). Renames keep it cheap; across file systems (a mount point inside the target) entries are copied.
import type { Stats } from "node:fs";
import {
  chmod,
  copyFile,
  lchown,
  lstat,
  lutimes,
  mkdir,
  readdir,
  readlink,
  rename,
  rmdir,
  symlink,
  unlink,
} from "node:fs/promises";
import path from "node:path";

const isRoot = process.getuid?.() === 0;

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

async function lstatIfExists(target: string): Promise<Stats | undefined> {
  try {
    return await lstat(target);
  } catch (error) {
    if (code(error) === "ENOENT") return undefined;
    throw error;
  }
}

/** Mode (not for symlinks), owner (when running as root, as restic does) and times of `stats` onto `target`. */
async function applyStats(stats: Stats, target: string): Promise<void> {
  if (!stats.isSymbolicLink()) await chmod(target, stats.mode & 0o7777);
  if (isRoot) await lchown(target, stats.uid, stats.gid);
  await lutimes(target, stats.atime, stats.mtime);
}

/** A name beside `target` for building a copy before it replaces `target` in one rename. */
function sibling(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.zerobyte-${process.pid}-${Date.now()}`);
}

async function copyAcross(source: string, stats: Stats, destination: string): Promise<void> {
  if (stats.isDirectory()) {
    await mkdir(destination);
    await mergeInto(source, destination);
    await applyStats(stats, destination);
    return;
  }
  const temporary = sibling(destination);
  if (stats.isFile()) await copyFile(source, temporary);
  else if (stats.isSymbolicLink()) await symlink(await readlink(source), temporary);
  else throw new Error(`${destination}: a special file cannot be moved to another file system`);
  await applyStats(stats, temporary);
  await rename(temporary, destination);
}

async function moveEntry(source: string, destination: string): Promise<void> {
  const stats = await lstat(source);
  const existing = await lstatIfExists(destination);
  if (existing?.isDirectory()) {
    if (stats.isDirectory()) {
      await mergeInto(source, destination);
      await applyStats(stats, destination);
      return;
    }
    // As restic ≥0.17 without --delete: a file may take the place of an empty folder, never of a full one.
    await rmdir(destination).catch((error: unknown) => {
      if (code(error) === "ENOTEMPTY" || code(error) === "EEXIST")
        throw new Error(`${destination} is a folder that is not empty; it was not replaced by the restored file`);
      throw error;
    });
  } else if (existing && stats.isDirectory()) {
    await unlink(destination);
  }
  try {
    await rename(source, destination);
  } catch (error) {
    if (code(error) !== "EXDEV") throw error;
    await copyAcross(source, stats, destination);
  }
}

/** Moves everything inside `from` into the folder `into` (which must exist), merging folders that exist in both. */
export async function mergeInto(from: string, into: string): Promise<void> {
  for (const name of await readdir(from)) await moveEntry(path.join(from, name), path.join(into, name));
}
