// `restic backup` as reference §5.4. Paths arrive absolute (the backups service resolves them against the volume).
import { getConfig } from "@/server/config";
import { BadRequestError } from "@/server/http/errors";
import { parseJsonLine } from "./json-lines";
import { type ResticTarget, runRestic } from "./run";
import { listSnapshots, type SnapshotSummary } from "./snapshots";

export type CompressionMode = "off" | "auto" | "max";

export type BackupProgress = {
  seconds_elapsed: number;
  seconds_remaining?: number;
  percent_done: number;
  total_files: number;
  files_done: number;
  total_bytes: number;
  bytes_done: number;
  current_files: string[];
};

/** The final line of `backup --json`: the snapshot's counts (as `snapshots` stores them on ≥0.17) and its id. */
export type BackupSummary = Omit<SnapshotSummary, "backup_start" | "backup_end"> & {
  total_duration: number;
  backup_start?: string;
  backup_end?: string;
  snapshot_id: string;
};

export type BackupOptions = {
  /** Backed up as given (positional arguments). */
  paths?: string[];
  /** Exact paths, written NUL-separated to `--files-from-raw`. */
  includePaths?: string[];
  /** Glob patterns, newline-separated in `--files-from`. */
  includePatterns?: string[];
  /** Patterns for `--exclude-file`. */
  excludePatterns?: string[];
  excludeIfPresent?: string[];
  oneFileSystem?: boolean;
  tags?: string[];
  compression?: CompressionMode;
  hostname?: string;
  /** Already validated against the custom-parameter allow-list by the caller. */
  extraArgs?: string[];
  /**
   * The source has no extended attributes and answers a request for their list with EIO (an rclone FUSE mount):
   * restic's "incomplete metadata … xattr.list … input/output error" for its files is then no missing data.
   */
  sourceLacksXattrs?: boolean;
  onProgress?: (progress: BackupProgress) => void;
  signal?: AbortSignal;
};

export type BackupResult = {
  /** `warning`: restic exit 3, some files could not be read; the snapshot exists anyway. */
  status: "success" | "warning";
  summary: BackupSummary | undefined;
  /** restic's per-file errors, scrubbed. */
  warnings: string[];
};

/** A snapshot id in full: 64 hex digits. */
const FULL_ID_LENGTH = 64;

/** Exit code 3: snapshot created, but some source files could not be read. */
const EXIT_PARTIAL = 3;
/** restic ≥0.17's error for a file whose contents were stored but whose extended attributes could not be listed. */
const XATTR_LIST_EIO = /^incomplete metadata for .*: xattr\.list .*: input\/output error$/;

function rejectSeparator(values: string[] | undefined, separator: string, field: string, name: string) {
  if (values?.some((value) => value.includes(separator))) {
    throw new BadRequestError(`${field} entries must not contain ${name} characters`);
  }
}

type BackupLine = { message_type?: string; error?: { message?: string }; item?: string } & Partial<BackupProgress> &
  Partial<BackupSummary>;

export async function backup(target: ResticTarget, options: BackupOptions): Promise<BackupResult> {
  rejectSeparator(options.includePatterns, "\n", "includePatterns", "newline");
  rejectSeparator(options.excludePatterns, "\n", "excludePatterns", "newline");
  rejectSeparator(options.includePaths, "\0", "includePaths", "NUL");
  const hasIncludes = !!options.includePaths?.length || !!options.includePatterns?.length;
  if (!hasIncludes && !options.paths?.length) throw new BadRequestError("Nothing to back up: no paths given");
  const config = getConfig();
  let summary: BackupSummary | undefined;
  const warnings: string[] = [];
  let skippedXattrErrors = false;

  const result = await runRestic(
    target,
    async ({ writeFile }) => {
      const args = ["backup", "--json", "--compression", options.compression ?? "auto"];
      if (options.oneFileSystem) args.push("--one-file-system");
      args.push("--host", options.hostname ?? config.resticHostname);
      for (const tag of options.tags ?? []) args.push("--tag", tag);
      if (options.includePatterns?.length) {
        args.push("--files-from", await writeFile("include.txt", `${options.includePatterns.join("\n")}\n`));
      }
      if (options.includePaths?.length) {
        args.push("--files-from-raw", await writeFile("include.raw", `${options.includePaths.join("\0")}\0`));
      }
      // The app's own state never belongs in a backup, even when a volume contains DATA_DIR.
      for (const own of [config.resticCacheDir, config.repositoriesDir, config.restDir]) args.push("--exclude", own);
      if (options.excludePatterns?.length) {
        args.push("--exclude-file", await writeFile("exclude.txt", `${options.excludePatterns.join("\n")}\n`));
      }
      // One token, so a name starting with "-" can never be read as a flag.
      for (const name of options.excludeIfPresent ?? []) args.push(`--exclude-if-present=${name}`);
      args.push(...(options.extraArgs ?? []));
      if (!hasIncludes) args.push("--", ...(options.paths ?? []));
      return args;
    },
    {
      signal: options.signal,
      captureStdout: false,
      okExitCodes: [EXIT_PARTIAL],
      onStdoutLine: (line) => {
        const json = parseJsonLine<BackupLine>(line);
        if (json?.message_type === "status") {
          options.onProgress?.({
            seconds_elapsed: json.seconds_elapsed ?? 0,
            seconds_remaining: json.seconds_remaining,
            percent_done: json.percent_done ?? 0,
            total_files: json.total_files ?? 0,
            files_done: json.files_done ?? 0,
            total_bytes: json.total_bytes ?? 0,
            bytes_done: json.bytes_done ?? 0,
            current_files: json.current_files ?? [],
          });
        } else if (json?.message_type === "summary") {
          const { message_type: _, ...rest } = json;
          summary = rest as BackupSummary;
        }
      },
      onStderrLine: (line) => {
        const json = parseJsonLine<BackupLine>(line);
        if (json?.message_type === "error") {
          // restic before 0.17 prints its errors as `"error":{}`, without the reason.
          const message = json.error?.message ?? "no reason given by restic";
          if (options.sourceLacksXattrs && XATTR_LIST_EIO.test(message)) skippedXattrErrors = true;
          else warnings.push(`${json.item ?? ""}: ${message}`);
        } else if (!json && line.trim()) warnings.push(line.trim());
      },
    },
  );
  if (summary && summary.snapshot_id.length < FULL_ID_LENGTH) {
    // restic before 0.17 reports the short id; callers get the full one whatever the version.
    const [snapshot] = await listSnapshots(target, { snapshotIds: [summary.snapshot_id], signal: options.signal });
    if (snapshot) summary.snapshot_id = snapshot.id;
  }
  // Exit 3 with nothing but attribute lists missing from a source that has none: every file was read.
  const onlyXattrs = skippedXattrErrors && warnings.length === 0;
  return {
    status: result.exitCode === EXIT_PARTIAL && !onlyXattrs ? "warning" : "success",
    summary,
    warnings: warnings.map(result.scrub),
  };
}
