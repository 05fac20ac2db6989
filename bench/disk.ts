// Where a benchmark works: a fresh folder under BENCH_DIR (created if missing) or the OS temp folder.
// Each timed run of a benchmark starts on a disk with nothing left to write back. The kernel flushes dirty pages 30 s
// after they were written, so the dataset just generated, or the files a previous run restored or deleted, would
// otherwise be written out during whichever run comes next and slow it down.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

export async function benchFolder(prefix: string): Promise<string> {
  const parent = process.env.BENCH_DIR ?? tmpdir();
  await mkdir(parent, { recursive: true });
  return mkdtemp(path.join(parent, prefix));
}

export async function flushDirtyPages(): Promise<void> {
  await promisify(execFile)("sync");
}
