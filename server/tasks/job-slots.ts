// The global limit on concurrent heavy work (restic processes): MAX_CONCURRENT_JOBS slots, handed out in
// arrival order. A released slot passes straight to the oldest waiter, so a newcomer can never overtake it.
import { getConfig } from "@/server/config";

type Waiter = { grant: (release: () => void) => void };
type SlotState = { inUse: number; waiters: Waiter[] };

const holder = globalThis as unknown as { __zerobyteSlotPools?: Map<string, SlotState> };
const JOBS = "jobs";

function slotState(pool: string): SlotState {
  holder.__zerobyteSlotPools ??= new Map();
  let state = holder.__zerobyteSlotPools.get(pool);
  if (!state) {
    state = { inUse: 0, waiters: [] };
    holder.__zerobyteSlotPools.set(pool, state);
  }
  return state;
}

function releaser(state: SlotState): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const next = state.waiters.shift();
    if (next) next.grant(releaser(state));
    else state.inUse--;
  };
}

/**
 * Waits for a free slot and resolves with the function that gives it back (safe to call twice).
 * Rejects with the signal's reason when aborted while waiting.
 */
export function acquireJobSlot(signal: AbortSignal): Promise<() => void> {
  return acquireSlot(JOBS, getConfig().maxConcurrentJobs, signal);
}

/** The same, from a separate pool of `capacity` slots (work that must never take one of the job slots). */
export function acquireSlot(pool: string, capacity: number, signal: AbortSignal): Promise<() => void> {
  const state = slotState(pool);
  if (signal.aborted) return Promise.reject(signal.reason);
  if (state.waiters.length === 0 && state.inUse < capacity) {
    state.inUse++;
    return Promise.resolve(releaser(state));
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      state.waiters.splice(state.waiters.indexOf(waiter), 1);
      reject(signal.reason);
    };
    const waiter: Waiter = {
      grant: (release) => {
        signal.removeEventListener("abort", onAbort);
        resolve(release);
      },
    };
    state.waiters.push(waiter);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Slots in use and tasks waiting for one (queue depth for metrics and tests). */
export function jobSlotUsage(): { inUse: number; waiting: number } {
  const state = slotState(JOBS);
  return { inUse: state.inUse, waiting: state.waiters.length };
}
