import { RepositoryLockedError } from "./errors";
import type { ResticTarget } from "./run";
import { unlockRepository } from "./unlock";

/**
 * Runs `command`; when it fails on a repository lock, removes stale locks and tries once more. A lock held by a live
 * process survives `unlock`, so the retry then fails with the same RepositoryLockedError.
 */
export async function withStaleLockRetry<T>(
  target: ResticTarget,
  command: () => Promise<T>,
  options: { signal?: AbortSignal } = {},
): Promise<T> {
  try {
    return await command();
  } catch (error) {
    if (!(error instanceof RepositoryLockedError)) throw error;
    await unlockRepository(target, { signal: options.signal });
    return command();
  }
}
