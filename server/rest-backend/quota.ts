// Per-user storage accounting. A user's usage is the total size of the files under `restDir/<username>/`
// (the only place a private user can write). It is measured by walking the folder on first need, then kept
// in memory and adjusted on every write and delete, so a quota check never touches the disk. Every write is
// charged to the caller when the caller has a quota: such an account writes only under its own folder (elsewhere
// its bytes would land in a namespace that is not its own, uncharged), so its usage is exactly its folder's size.
import path from "node:path";
import { AppError } from "@/server/http/errors";
import { storedBytes } from "./blob-store";
import { findRestUser, type RestUserRecord } from "./rest-user-directory";

export type NamespaceUsage = {
  bytes: number;
  /** Content-Length of uploads in flight, so parallel uploads cannot overshoot the quota together. */
  reserved: number;
};

const holder = globalThis as unknown as { __zerobyteRestUsage?: Map<string, Promise<NamespaceUsage>> };
holder.__zerobyteRestUsage ??= new Map();
const usageByFolder = holder.__zerobyteRestUsage;

/** Live usage of one namespace folder; every caller shares the same object, so adjustments are seen by all. */
export function namespaceUsage(folder: string): Promise<NamespaceUsage> {
  let usage = usageByFolder.get(folder);
  if (!usage) {
    usage = storedBytes(folder).then((bytes) => ({ bytes, reserved: 0 }));
    usage.catch(() => usageByFolder.delete(folder));
    usageByFolder.set(folder, usage);
  }
  return usage;
}

/** Makes the next `namespaceUsage` call measure the folder again (after it was renamed or moved). */
export function forgetNamespaceUsage(folder: string): void {
  usageByFolder.delete(folder);
}

export type Namespace = { usage: NamespaceUsage; quotaBytes: number | null };

/**
 * The accounting a write is charged to. A caller with a quota is charged for its own folder, and refused (403)
 * anywhere else; a caller without one writes into the repository's namespace under that namespace's quota.
 */
export async function namespaceForWrite(
  restDir: string,
  repo: string[],
  caller: Pick<RestUserRecord, "username" | "quotaBytes">,
): Promise<Namespace | null> {
  if (caller.quotaBytes === null) return namespaceOf(restDir, repo);
  if (repo[0] !== caller.username) throw new AppError(403, "An account with a quota writes only under its own folder");
  return { usage: await namespaceUsage(path.join(restDir, caller.username)), quotaBytes: caller.quotaBytes };
}

/** The accounting for a repository's files: its first segment's folder, with that REST user's quota if any. */
export async function namespaceOf(restDir: string, repo: string[]): Promise<Namespace | null> {
  if (repo.length === 0) return null;
  const owner = await findRestUser(repo[0]);
  return { usage: await namespaceUsage(path.join(restDir, repo[0])), quotaBytes: owner?.quotaBytes ?? null };
}

/**
 * Runs `write` (which returns the bytes it stored) under the namespace's quota: refuses with 507 before any
 * byte is read when the announced size does not fit, and books the stored bytes afterwards.
 */
export async function writeWithinQuota(
  namespace: Namespace | null,
  contentLength: number | null,
  write: () => Promise<number>,
): Promise<void> {
  if (!namespace) {
    await write();
    return;
  }
  const { usage, quotaBytes } = namespace;
  if (quotaBytes === null) {
    usage.bytes += await write();
    return;
  }
  // Without a length the quota could only be enforced halfway through the body; rest-server answers 411 too.
  if (contentLength === null) throw new AppError(411, "Length Required");
  if (usage.bytes + usage.reserved + contentLength > quotaBytes) throw new AppError(507, "Insufficient Storage");
  usage.reserved += contentLength;
  try {
    usage.bytes += await write();
  } finally {
    usage.reserved -= contentLength;
  }
}

/** Books bytes that were deleted from the namespace. */
export function releaseBytes(namespace: Namespace | null, bytes: number): void {
  if (namespace) namespace.usage.bytes -= bytes;
}
