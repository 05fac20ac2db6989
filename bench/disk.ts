// The benchmarks' folders and the disk state each timed run starts from.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, statfs } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

/** A fresh folder below `parent`, which is created if missing. */
async function freshFolder(parent: string, prefix: string): Promise<string> {
  await mkdir(parent, { recursive: true });
  return mkdtemp(path.join(parent, prefix));
}

/** Where a benchmark works: a fresh folder under BENCH_DIR or the OS temp folder. */
export function benchFolder(prefix: string): Promise<string> {
  return freshFolder(process.env.BENCH_DIR ?? tmpdir(), prefix);
}

// Each timed run of a benchmark starts on a disk with nothing left to write back. The kernel flushes dirty pages 30 s
// after they were written, so the dataset just generated, or the files a previous run restored or deleted, would
// otherwise be written out during whichever run comes next and slow it down.
export async function flushDirtyPages(): Promise<void> {
  await promisify(execFile)("sync");
}

// Restores land in RAM (/dev/shm) when it has room. Every target restores the same files, so where they are written
// only adds time and noise to each side alike, and on these VMs (ext4 without a journal) it added a lot: once the
// previous restore's 12,577 files were deleted, creating the next one's cost restic 5.7-12 s of system time instead
// of 1.8-2.5 s, more or less depending on where the allocator landed, for minutes after the deletion. Writing the
// restores to RAM leaves the part the targets differ in (reading the repository) as the measured part.
const SHM = "/dev/shm";

export async function restoreFolder(work: string, bytes: number): Promise<string> {
  if (process.env.BENCH_RESTORE_DIR) return freshFolder(process.env.BENCH_RESTORE_DIR, "zerobyte-restore-");
  const room = await statfs(SHM).then(
    (info) => info.bavail * info.bsize,
    () => 0,
  );
  return room > bytes * 1.2 ? freshFolder(SHM, "zerobyte-restore-") : work;
}
