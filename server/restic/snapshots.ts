import { jsonLines } from "./json-lines";
import { type CommandOptions, type ResticTarget, runRestic } from "./run";

/** Per-snapshot backup summary, stored by restic ≥0.17 only. */
export type SnapshotSummary = {
  backup_start: string;
  backup_end: string;
  files_new: number;
  files_changed: number;
  files_unmodified: number;
  dirs_new: number;
  dirs_changed: number;
  dirs_unmodified: number;
  data_blobs: number;
  tree_blobs: number;
  data_added: number;
  data_added_packed?: number;
  total_files_processed: number;
  total_bytes_processed: number;
};

export type ResticSnapshot = {
  id: string;
  short_id: string;
  time: string;
  tree: string;
  paths: string[];
  hostname: string;
  username?: string;
  tags: string[];
  program_version?: string;
  summary?: SnapshotSummary;
};

export function normaliseSnapshot(raw: ResticSnapshot): ResticSnapshot {
  return { ...raw, paths: raw.paths ?? [], tags: raw.tags ?? [] };
}

export async function listSnapshots(
  target: ResticTarget,
  options: CommandOptions & { tags?: string[]; snapshotIds?: string[]; noLock?: boolean } = {},
): Promise<ResticSnapshot[]> {
  const args = ["snapshots", "--json", ...(options.tags ?? []).flatMap((tag) => ["--tag", tag])];
  if (options.noLock) args.push("--no-lock");
  if (options.snapshotIds) args.push("--", ...options.snapshotIds);
  const { stdout } = await runRestic(target, args, {
    signal: options.signal,
    timeoutMs: options.timeoutMs,
  });
  const list = jsonLines<ResticSnapshot[] | null>(stdout).find((value) => Array.isArray(value) || value === null);
  return (list ?? []).map(normaliseSnapshot);
}
