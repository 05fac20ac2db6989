import { type ResticTarget, runRestic } from "./run";

export type CopyOptions = {
  /** Snapshots to copy; default: every snapshot matching `tags` (restic skips those the destination already has). */
  snapshotIds?: string[];
  tags?: string[];
  /** Copy-compatible custom params, validated by the caller. */
  extraArgs?: string[];
  onOutputLine?: (line: string) => void;
  signal?: AbortSignal;
};

/**
 * Copies snapshots from `source` into `destination` (mirrors). The source password goes through
 * RESTIC_FROM_PASSWORD_FILE; both repositories' environments are merged, which is why the caller must refuse
 * pairs of the same cloud backend with different credentials.
 */
export async function copySnapshots(
  destination: ResticTarget,
  source: ResticTarget,
  options: CopyOptions = {},
): Promise<void> {
  await runRestic(
    destination,
    ({ fromRepository }) => {
      const args = ["copy", "--from-repo", fromRepository ?? ""];
      for (const tag of options.tags ?? []) args.push("--tag", tag);
      args.push(...(options.extraArgs ?? []));
      if (options.snapshotIds?.length) args.push("--", ...options.snapshotIds);
      return args;
    },
    {
      fromTarget: source,
      signal: options.signal,
      captureStdout: false,
      onStdoutLine: options.onOutputLine,
    },
  );
}
