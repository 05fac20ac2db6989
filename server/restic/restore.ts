import { parseJsonLine } from "./json-lines";
import { type ResticTarget, runRestic } from "./run";
import { getResticCapabilities, requireCapability } from "./version";

export type OverwriteMode = "always" | "if-changed" | "if-newer" | "never";

export type RestoreProgress = {
  seconds_elapsed: number;
  percent_done: number;
  total_files: number;
  files_restored: number;
  total_bytes: number;
  bytes_restored: number;
};

export type RestoreSummary = {
  total_files?: number;
  files_restored: number;
  files_skipped: number;
  total_bytes?: number;
  bytes_restored?: number;
  bytes_skipped?: number;
};

export type RestoreOptions = {
  snapshotId: string;
  /** Directory the content lands in. */
  target: string;
  /** Restore only this folder of the snapshot, placed directly under `target` (`<id>:<subfolder>`, restic ≥0.16). */
  subfolder?: string;
  include?: string[];
  exclude?: string[];
  excludeXattr?: string[];
  /** restic <0.17 always overwrites; other modes are refused there. */
  overwrite?: OverwriteMode;
  onProgress?: (progress: RestoreProgress) => void;
  signal?: AbortSignal;
};

type RestoreLine = { message_type?: string } & Partial<RestoreProgress> & Partial<RestoreSummary>;

export type RestoreOutcome = {
  /** `undefined` on restic <0.16, which reports nothing machine-readable. */
  summary: RestoreSummary | undefined;
  /** Extended attributes the target could not take; the files themselves were restored. */
  warnings: string[];
};

/**
 * restic exits 1 when it could not set or list extended attributes on the target, although every file was written:
 * FUSE mounts such as rclone's answer xattr calls with an I/O error. Those errors alone are a warning, not a failure.
 */
export function xattrOnlyErrors(stderr: string): string[] | null {
  // Text on restic <0.17 ("ignoring error for <item>: <error>"), JSON lines with `--json` on later ones.
  const errors = stderr.split("\n").flatMap((line) => {
    const json = parseJsonLine<{ message_type?: string; item?: string; error?: { message?: string } }>(line);
    if (json?.message_type === "error") return [`${json.item ?? ""}: ${json.error?.message ?? ""}`];
    return line.startsWith("ignoring error for ") ? [line.slice("ignoring error for ".length)] : [];
  });
  return errors.length > 0 && errors.every((error) => /: xattr\.\w+ /.test(error)) ? errors : null;
}

/** Restores a snapshot. */
export async function restore(target: ResticTarget, options: RestoreOptions): Promise<RestoreOutcome> {
  const capabilities = await getResticCapabilities();
  if (options.overwrite && options.overwrite !== "always") {
    requireCapability(capabilities, "restoreOverwrite", `Restore with overwrite mode "${options.overwrite}"`);
  }
  if (options.excludeXattr?.length) requireCapability(capabilities, "restoreExcludeXattr", "Restore excluding xattrs");
  const subfolder = options.subfolder && options.subfolder !== "/" ? options.subfolder : undefined;
  if (subfolder)
    requireCapability(capabilities, "snapshotSubfolder", "Restoring a folder of a snapshot to another place");

  const args = ["restore", "--target", options.target];
  if (options.overwrite && capabilities.restoreOverwrite) args.push("--overwrite", options.overwrite);
  for (const pattern of options.include ?? []) args.push("--include", pattern);
  for (const pattern of options.exclude ?? []) args.push("--exclude", pattern);
  for (const name of options.excludeXattr ?? []) args.push("--exclude-xattr", name);
  if (capabilities.restoreJson) args.push("--json");
  args.push("--", subfolder ? `${options.snapshotId}:${subfolder}` : options.snapshotId);

  let summary: RestoreSummary | undefined;
  const result = await runRestic(target, args, {
    signal: options.signal,
    captureStdout: false,
    okExitCodes: [1],
    onStdoutLine: (line) => {
      const json = parseJsonLine<RestoreLine>(line);
      if (json?.message_type === "status") {
        options.onProgress?.({
          seconds_elapsed: json.seconds_elapsed ?? 0,
          percent_done: json.percent_done ?? 0,
          total_files: json.total_files ?? 0,
          files_restored: json.files_restored ?? 0,
          total_bytes: json.total_bytes ?? 0,
          bytes_restored: json.bytes_restored ?? 0,
        });
      } else if (json?.message_type === "summary") {
        summary = {
          total_files: json.total_files,
          files_restored: json.files_restored ?? 0,
          files_skipped: json.files_skipped ?? 0,
          total_bytes: json.total_bytes,
          bytes_restored: json.bytes_restored,
          bytes_skipped: json.bytes_skipped,
        };
      }
    },
  });
  if (result.exitCode === 0) return { summary, warnings: [] };
  const warnings = xattrOnlyErrors(result.stderr);
  if (!warnings) throw result.toError();
  return { summary, warnings: warnings.map(result.scrub) };
}
