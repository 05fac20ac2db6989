// Each timed run of a benchmark starts on a disk with nothing left to write back. The kernel flushes dirty pages 30 s
// after they were written, so the dataset just generated, or the files a previous run restored or deleted, would
// otherwise be written out during whichever run comes next and slow it down.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

export async function flushDirtyPages(): Promise<void> {
  await promisify(execFile)("sync");
}
