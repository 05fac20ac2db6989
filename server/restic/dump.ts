import { PassThrough, type Readable } from "node:stream";
import { type ResticTarget, runRestic } from "./run";

export type DumpOptions = {
  snapshotId: string;
  /** Absolute path inside the snapshot; `/` (the default) is the whole snapshot. */
  path?: string;
  /** Directories (and `/`) are always archives; this picks the format. */
  archive?: "tar" | "zip";
  signal?: AbortSignal;
};

/**
 * Streams `restic dump` (a file's bytes, or a tar/zip of a directory). Backpressure is kept end to end; when the
 * consumer destroys the stream early, restic is interrupted (SIGINT) so it releases its lock. A restic failure
 * destroys the stream with the typed error.
 */
export function dumpSnapshot(target: ResticTarget, options: DumpOptions): Readable {
  const output = new PassThrough();
  const controller = new AbortController();
  const abort = () => controller.abort();
  options.signal?.addEventListener("abort", abort, { once: true });
  let finished = false;
  output.on("close", () => {
    if (!finished) controller.abort();
  });
  const args = ["dump", ...(options.archive ? ["--archive", options.archive] : []), "--", options.snapshotId];
  args.push(options.path ?? "/");
  runRestic(target, args, { signal: controller.signal, stdoutSink: output, captureStdout: false })
    .then(() => {
      finished = true;
      output.end();
    })
    .catch((error: Error) => {
      finished = true;
      output.destroy(error);
    })
    .finally(() => options.signal?.removeEventListener("abort", abort));
  return output;
}
