// The one way services run restic against a stored repository: under the app's repository lock (shared for reads,
// exclusive for writes), with the config decrypted in memory only, and with one retry after clearing stale locks.
import type { ResticTarget } from "@/server/restic/run";
import { withStaleLockRetry } from "@/server/restic/stale-lock";
import { type LockOptions, withRepositoryLock } from "./repository-lock";
import { type RepositoryRow, resticTargetFor } from "./repository-store";

export function withRepository<T>(
  row: Pick<RepositoryRow, "id" | "config" | "organizationId">,
  mode: "shared" | "exclusive",
  work: (target: ResticTarget) => Promise<T>,
  options: { signal?: AbortSignal } & LockOptions = {},
): Promise<T> {
  return withRepositoryLock(
    row.id,
    mode,
    async () => {
      const target = await resticTargetFor(row);
      return withStaleLockRetry(target, () => work(target), options);
    },
    { onContention: options.onContention },
  );
}
