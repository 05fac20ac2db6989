// One writer per repository inside the app: operations that change a repository take its lock exclusively, reads
// share it. Waiters are served in arrival order, so a waiting writer is not starved by a stream of readers.
// restic's own lock remains the guard across processes. A reader that can stop and retry later (the snapshot
// indexer) asks to be told when anyone else queues for the repository, so it can get out of the way.
type Mode = "shared" | "exclusive";
type Waiter = { mode: Mode; grant: () => void };
type LockState = { readers: number; writer: boolean; queue: Waiter[]; yielders: Set<() => void> };

const holder = globalThis as unknown as { __zerobyteRepositoryLocks?: Map<string, LockState> };
const locks = () => (holder.__zerobyteRepositoryLocks ??= new Map());

function canGrant(state: LockState, mode: Mode) {
  return mode === "shared" ? !state.writer : !state.writer && state.readers === 0;
}

function take(state: LockState, mode: Mode) {
  if (mode === "shared") state.readers += 1;
  else state.writer = true;
}

function drain(key: string, state: LockState) {
  while (state.queue.length > 0 && canGrant(state, state.queue[0].mode)) {
    const next = state.queue.shift()!;
    take(state, next.mode);
    next.grant();
  }
  if (!state.writer && state.readers === 0 && state.queue.length === 0 && state.yielders.size === 0)
    locks().delete(key);
}

async function acquire(key: string, mode: Mode): Promise<() => void> {
  let state = locks().get(key);
  if (!state) {
    state = { readers: 0, writer: false, queue: [], yielders: new Set() };
    locks().set(key, state);
  }
  const current = state;
  if (current.queue.length === 0 && canGrant(current, mode)) take(current, mode);
  else {
    const waiting = new Promise<void>((grant) => current.queue.push({ mode, grant }));
    for (const yieldLock of current.yielders) yieldLock();
    await waiting;
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (mode === "shared") current.readers -= 1;
    else current.writer = false;
    drain(key, current);
  };
}

export type LockOptions = {
  /** Called (while `work` holds the lock) whenever another operation starts waiting for this repository. */
  onContention?: () => void;
};

export async function withRepositoryLock<T>(
  repositoryId: string,
  mode: Mode,
  work: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const release = await acquire(repositoryId, mode);
  const state = locks().get(repositoryId)!;
  const { onContention } = options;
  if (onContention) state.yielders.add(onContention);
  try {
    return await work();
  } finally {
    if (onContention) state.yielders.delete(onContention);
    release();
  }
}
