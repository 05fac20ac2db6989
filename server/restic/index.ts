// Public API of the restic runner: the only way the rest of the product talks to restic.
export {
  type BackupOptions,
  type BackupProgress,
  type BackupResult,
  type BackupSummary,
  backup,
  type CompressionMode,
} from "./backup";
export { type CheckResult, checkRepository } from "./check";
export { type CopyOptions, copySnapshots } from "./copy";
export { type DumpOptions, dumpSnapshot } from "./dump";
export * from "./errors";
export {
  type ForgetByPolicyOptions,
  type ForgetGroup,
  forgetByPolicy,
  forgetSnapshots,
  type RetentionPolicy,
  retentionPolicyArgs,
} from "./forget";
export { type InitResult, initRepository } from "./init";
export { addKey } from "./key-add";
export { type ListSnapshotFilesOptions, listSnapshotFiles, type ResticNode } from "./ls";
export { getRcloneVersion, listRcloneRemotes, type RcloneRemote } from "./rclone-remotes";
export { repairIndex } from "./repair-index";
export { type OverwriteMode, type RestoreOptions, type RestoreProgress, type RestoreSummary, restore } from "./restore";
export { type ResticResult, type ResticTarget, type RunResticOptions, runRestic } from "./run";
export { scrubSecrets } from "./scrub";
export { listSnapshots, type ResticSnapshot, type SnapshotSummary } from "./snapshots";
export { withStaleLockRetry } from "./stale-lock";
export { getRepositoryStats, type RepositoryStats } from "./stats";
export { type TagChanges, tagSnapshots } from "./tag";
export { unlockRepository } from "./unlock";
export { getResticCapabilities, type ResticCapabilities } from "./version";
