import { PassThrough, type Readable } from "node:stream";
import { type ResticSession, type ResticTarget, runRestic } from "./run";
import { requireCapability } from "./version";

export type DumpOptions = {
  snapshotId: string;
  /** Treat this folder of the snapshot as its root (`<id>:<subfolder>`, restic ≥0.16), so archive paths start below it. */
  subfolder?: string;
  /** Absolute path inside the snapshot (below `subfolder` when given); `/` (the default) is the whole snapshot. */
  path?: string;
  /** Directories (and `/`) are always archives; this picks the format (`--archive`, restic ≥0.12). */
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
  const subfolder = options.subfolder && options.subfolder !== "/" ? options.subfolder : undefined;
  const args = ({ capabilities }: ResticSession) => {
    const archive = options.archive ? ["--archive", options.archive] : [];
    if (options.archive) requireCapability(capabilities, "dumpArchive", "Downloading a folder as an archive");
    if (subfolder) requireCapability(capabilities, "snapshotSubfolder", "Dumping from a folder of a snapshot");
    return [
      "dump",
      ...archive,
      "--",
      subfolder ? `${options.snapshotId}:${subfolder}` : options.snapshotId,
      options.path ?? "/",
    ];
  };
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
